import { redactError } from '../client/redactError.js';
import type { GetTokenOptions } from '../client/TransportOptions.js';
import { checkDuration } from '../client/timers.js';
import { ReauthorizationRequiredError } from '../errors/MakiniError.js';
import type { TokenResponse } from '../models/TokenResponse.js';
import type { Lock } from '../state/Lock.js';
import type { TokenStore } from '../state/TokenStore.js';
import { inSpan } from '../telemetry/inSpan.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { SharedTokens } from './SharedTokens.js';
import { noRefreshToken, reauthorization, secretsOf } from './tokenManagerErrors.js';

/** A stored token set; `expiresAt` is epoch ms or `null` when the server gave no expiry. */
export interface TokenSet {
  /** The bearer token for API calls. */
  accessToken: string;
  /** Trades for a new pair; `null` or absent when the server issued none. */
  refreshToken?: string | null | undefined;
  /** When `accessToken` expires, in epoch ms; `null` when unknown. */
  expiresAt: number | null;
}

/** How a `TokenManager` refreshes, stores and shares a connection's tokens. */
export interface TokenManagerOptions {
  /**
   * The tokens to start from. Required without a `store`; with one, written there only when the
   * store holds nothing for `connectionKey` yet (the store's tokens win).
   */
  tokens?: TokenSet | undefined;
  /** Gets a new pair, e.g. `(token) => refreshToken({ clientId, clientSecret, refreshToken: token })`. */
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  /** Persist the new pair (refresh tokens rotate: losing one loses the connection). */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /** Refresh this long before expiry, in ms: from 0 to 2^31-1. @default 300_000 */
  refreshMarginMs?: number;
  /** Which connection: the key of its tokens in `store`, and named by the error a failed refresh raises. */
  connectionKey?: string;
  /**
   * Where the tokens live when the back end runs as several replicas (`RedisTokenStore` from
   * `@makini-kit/redis`; `MemoryTokenStore` in one process). Every `getToken()` reads it, so a pair
   * that any replica writes (a refresh, a reconnect) is used by all at their next call. Needs `lock`
   * and `connectionKey`. @default none: the tokens live in this object
   */
  store?: TokenStore | undefined;
  /**
   * Decides which replica refreshes (`RedisLock`; `MemoryLock` in one process): the others wait for
   * its write instead of sending the same refresh token. Required with `store`.
   */
  lock?: Lock | undefined;
  /**
   * How long a replica may hold the refresh lock before another may take it (kept while its refresh
   * runs, and while a refreshed pair waits for the store to take it): the wait after a replica dies
   * mid-refresh. From 1 to 2^31-1 ms. @default 30_000
   */
  lockTtlMs?: number | undefined;
  /** The clock, in epoch ms; a test passes a fake one. @default Date.now */
  now?: () => number;
  /**
   * A `makini.token.refresh` span around each refresh (with a store: the lock wait too), a child of
   * the call that needed it: pass `openTelemetry()` from `@makini-kit/core/opentelemetry`.
   * @default none
   */
  telemetry?: Telemetry | undefined;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Keeps an access token fresh: refreshes before expiry, once for any number of concurrent callers
 * (single flight), and turns a refused refresh into `ReauthorizationRequiredError`. With a `store`
 * and a `lock`, once per connection across every replica too: one refreshes, the others wait for
 * its write. Its tokens are private: `util.inspect`, `JSON.stringify` and `String()` print it
 * redacted; only `current` hands them out, for persistence.
 *
 * @example
 * const manager = new TokenManager({ tokens, refresh: (token) => refreshToken({ clientId, clientSecret, refreshToken: token }), onTokens: save });
 * const client = new MakiniClient({ getToken: manager.getToken });
 * @example
 * // Several replicas: the tokens live in Redis, sealed; one refresh per connection across all.
 * const manager = new TokenManager({
 *   store: new RedisTokenStore({ connection, cipher }),
 *   lock: new RedisLock({ connection }),
 *   connectionKey,
 *   refresh: (token) => refreshToken({ clientId, clientSecret, refreshToken: token }),
 * });
 */
export class TokenManager {
  #tokens: TokenSet;
  #inFlight: Promise<string> | undefined;
  readonly #refresh: TokenManagerOptions['refresh'];
  readonly #onTokens: TokenManagerOptions['onTokens'];
  readonly #refreshMarginMs: number;
  readonly #connectionKey: string | undefined;
  readonly #now: () => number;
  readonly #shared: SharedTokens | undefined;
  readonly #telemetry: Telemetry | undefined;

  /**
   * @param options The tokens (or a store), how to refresh them and where to persist them.
   * @throws {TypeError} Without an access token (and no store), without `refresh`, or with only one
   *   of `store` and `lock`, or either without `connectionKey`.
   * @throws {RangeError} For `refreshMarginMs` or `lockTtlMs` out of range.
   */
  constructor(options: TokenManagerOptions) {
    const { tokens, store, lock, connectionKey } = options;
    const shared = store !== undefined || lock !== undefined;
    if (
      (!shared || tokens !== undefined) &&
      (typeof tokens?.accessToken !== 'string' || tokens.accessToken === '')
    ) {
      throw new TypeError(
        'TokenManager needs tokens.accessToken: pass the access_token of exchangeCode() or of your store.',
      );
    }
    if (typeof options.refresh !== 'function') {
      throw new TypeError(
        'TokenManager needs refresh: (token) => refreshToken({ clientId, clientSecret, refreshToken: token }).',
      );
    }
    if (shared && (typeof connectionKey !== 'string' || connectionKey === '')) {
      throw new TypeError(
        'TokenManager: store and lock need connectionKey, the connection whose tokens the store keeps.',
      );
    }
    if (shared && (!store || !lock)) {
      throw new TypeError(
        `TokenManager: ${store ? 'store needs lock' : 'lock needs store'} too: give both (RedisTokenStore and RedisLock across replicas, MemoryTokenStore and MemoryLock in one process).`,
      );
    }
    this.#tokens = tokens
      ? { ...tokens }
      : { accessToken: '', refreshToken: null, expiresAt: null };
    this.#refresh = options.refresh;
    this.#onTokens = options.onTokens;
    this.#refreshMarginMs = checkDuration('refreshMarginMs', options.refreshMarginMs ?? 300_000, 0);
    this.#connectionKey = connectionKey;
    this.#now = options.now ?? (() => Date.now());
    this.#telemetry = options.telemetry;
    const lockTtlMs = checkDuration('lockTtlMs', options.lockTtlMs ?? 30_000);
    this.#shared =
      store && lock && connectionKey
        ? new SharedTokens({
            store,
            lock,
            connectionKey,
            lockTtlMs,
            refreshMarginMs: this.#refreshMarginMs,
            refresh: this.#refresh,
            onTokens: this.#onTokens,
            now: this.#now,
            seed: tokens && { ...tokens },
            redacted: (error, ...sets) => this.#redacted(error, ...sets),
            telemetry: options.telemetry,
          })
        : undefined;
  }

  /**
   * A copy of the current token set, for persistence; never send it to a browser. With a `store`:
   * the tokens last read from it (an empty `accessToken` before the first read without `tokens`).
   */
  get current(): Readonly<TokenSet> {
    return { ...(this.#shared ? (this.#shared.known ?? this.#tokens) : this.#tokens) };
  }

  #fresh(): boolean {
    const { expiresAt } = this.#tokens;
    return expiresAt === null || expiresAt - this.#refreshMarginMs > this.#now();
  }

  /**
   * A usable access token; pass it to `MakiniClient` as `getToken`. With a `store` it reads the
   * store each time. `rejectedToken` is the token a 401 refused: the answer is the token to send
   * now, which the client retries with once when it differs (another replica reconnected).
   */
  getToken = (options?: GetTokenOptions): Promise<string> => {
    if (this.#shared) return this.#shared.getToken(options?.rejectedToken);
    if (this.#fresh() && !this.#inFlight) return Promise.resolve(this.#tokens.accessToken);
    return this.refreshNow();
  };

  /** Refreshes now (e.g. after a 401), sharing one request among concurrent callers. */
  refreshNow(): Promise<string> {
    if (this.#shared) return this.#shared.refreshNow();
    this.#inFlight ??= inSpan(
      this.#telemetry,
      'makini.token.refresh',
      { 'makini.connection': this.#connectionKey },
      () => this.#doRefresh(),
    ).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #doRefresh(): Promise<string> {
    const refresh = this.#tokens.refreshToken;
    if (!refresh) throw noRefreshToken(this.#connectionKey);
    const before = this.#tokens;
    let response: TokenResponse;
    try {
      response = await this.#refresh(refresh);
    } catch (error) {
      if (ReauthorizationRequiredError.is(error)) throw reauthorization(error, this.#connectionKey);
      throw this.#redacted(error, before);
    }
    this.#tokens = {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? refresh,
      expiresAt: response.expiresAt,
    };
    try {
      await this.#onTokens?.(this.current);
    } catch (error) {
      // A store's error may quote what it failed to save: the new pair, which now works.
      throw this.#redacted(error, before, this.#tokens);
    }
    return this.#tokens.accessToken;
  }

  /** An error from `refresh` or `onTokens`, as a copy that quotes none of the tokens in play. */
  #redacted(error: unknown, ...sets: Array<TokenSet | undefined>): unknown {
    return redactError(error, secretsOf(this.#tokens, ...sets));
  }

  /** Describes the manager without its tokens, for logs and `JSON.stringify`. */
  toJSON() {
    const tokens = this.current;
    return {
      /** The connection, when named. */
      connectionKey: this.#connectionKey,
      /** When the access token expires, in epoch ms. */
      expiresAt: tokens.expiresAt,
      /** Always `[redacted]`. */
      accessToken: '[redacted]',
      /** `[redacted]`, or `null` when there is none. */
      refreshToken: tokens.refreshToken ? '[redacted]' : null,
      ...(this.#shared
        ? {
            /** Present when the tokens live in a shared store. */
            store: true,
          }
        : {}),
    };
  }

  /** The same redacted description, as text. */
  toString(): string {
    return `TokenManager ${JSON.stringify(this.toJSON())}`;
  }

  /** Node's `util.inspect` prints the redacted description too. */
  [INSPECT](): string {
    return this.toString();
  }
}
