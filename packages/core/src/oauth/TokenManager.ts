import { redactError } from '../client/redactError.js';
import { checkDuration } from '../client/timers.js';
import { ReauthorizationRequiredError } from '../errors/MakiniError.js';
import type { TokenResponse } from '../models/TokenResponse.js';

/** A stored token set; `expiresAt` is epoch ms or `null` when the server gave no expiry. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string | null | undefined;
  expiresAt: number | null;
}

export interface TokenManagerOptions {
  tokens: TokenSet;
  /** Gets a new pair, e.g. `(token) => refreshToken({ clientId, clientSecret, refreshToken: token })`. */
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  /** Persist the new pair (refresh tokens rotate: losing one loses the connection). */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /** Refresh this long before expiry, in ms: from 0 to 2^31-1. @default 300_000 */
  refreshMarginMs?: number;
  /** Which connection, for the error a failed refresh raises. */
  connectionKey?: string;
  now?: () => number;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Keeps an access token fresh: refreshes before expiry, once for any number of concurrent callers
 * (single flight), and turns a refused refresh into `ReauthorizationRequiredError`. Its tokens are
 * private: `util.inspect`, `JSON.stringify` and `String()` print it redacted; only `current` hands
 * them out, for persistence.
 *
 * @example
 * const manager = new TokenManager({ tokens, refresh: (token) => refreshToken({ clientId, clientSecret, refreshToken: token }), onTokens: save });
 * const client = new MakiniClient({ getToken: manager.getToken });
 */
export class TokenManager {
  #tokens: TokenSet;
  #inFlight: Promise<string> | undefined;
  readonly #refresh: TokenManagerOptions['refresh'];
  readonly #onTokens: TokenManagerOptions['onTokens'];
  readonly #refreshMarginMs: number;
  readonly #connectionKey: string | undefined;
  readonly #now: () => number;

  constructor(options: TokenManagerOptions) {
    const { tokens } = options;
    if (typeof tokens?.accessToken !== 'string' || tokens.accessToken === '') {
      throw new TypeError(
        'TokenManager needs tokens.accessToken: pass the access_token of exchangeCode() or of your store.',
      );
    }
    if (typeof options.refresh !== 'function') {
      throw new TypeError(
        'TokenManager needs refresh: (token) => refreshToken({ clientId, clientSecret, refreshToken: token }).',
      );
    }
    this.#tokens = { ...tokens };
    this.#refresh = options.refresh;
    this.#onTokens = options.onTokens;
    this.#refreshMarginMs = checkDuration('refreshMarginMs', options.refreshMarginMs ?? 300_000, 0);
    this.#connectionKey = options.connectionKey;
    this.#now = options.now ?? (() => Date.now());
  }

  /** A copy of the current token set, for persistence; never send it to a browser. */
  get current(): Readonly<TokenSet> {
    return { ...this.#tokens };
  }

  #fresh(): boolean {
    const { expiresAt } = this.#tokens;
    return expiresAt === null || expiresAt - this.#refreshMarginMs > this.#now();
  }

  /** A usable access token; pass it to `MakiniClient` as `getToken`. */
  getToken = (): Promise<string> => {
    if (this.#fresh() && !this.#inFlight) return Promise.resolve(this.#tokens.accessToken);
    return this.refreshNow();
  };

  /** Refreshes now (e.g. after a 401), sharing one request among concurrent callers. */
  refreshNow(): Promise<string> {
    this.#inFlight ??= this.#doRefresh().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #doRefresh(): Promise<string> {
    const refresh = this.#tokens.refreshToken;
    if (!refresh) {
      throw new ReauthorizationRequiredError(
        401,
        'The access token expired and there is no refresh token: the customer must reconnect through Makini Link.',
        { connectionKey: this.#connectionKey },
      );
    }
    const before = this.#tokens;
    let response: TokenResponse;
    try {
      response = await this.#refresh(refresh);
    } catch (error) {
      if (ReauthorizationRequiredError.is(error)) {
        throw new ReauthorizationRequiredError(error.status, error.message, {
          connectionKey: this.#connectionKey ?? error.connectionKey,
          requestId: error.requestId,
          attempts: error.attempts,
          method: error.method,
          path: error.path,
          cause: error,
        });
      }
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
  #redacted(error: unknown, ...sets: TokenSet[]): unknown {
    return redactError(
      error,
      sets.flatMap((set) => [set.accessToken, set.refreshToken]),
    );
  }

  /** Describes the manager without its tokens, for logs and `JSON.stringify`. */
  toJSON() {
    return {
      connectionKey: this.#connectionKey,
      expiresAt: this.#tokens.expiresAt,
      accessToken: '[redacted]',
      refreshToken: this.#tokens.refreshToken ? '[redacted]' : null,
    };
  }

  toString(): string {
    return `TokenManager ${JSON.stringify(this.toJSON())}`;
  }

  /** Node's `util.inspect` prints the redacted description too. */
  [INSPECT](): string {
    return this.toString();
  }
}
