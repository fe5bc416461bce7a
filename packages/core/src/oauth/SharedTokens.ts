import { sleep } from '../client/timers.js';
import { ReauthorizationRequiredError, TimeoutError } from '../errors/MakiniError.js';
import type { TokenResponse } from '../models/TokenResponse.js';
import type { Lease, Lock } from '../state/Lock.js';
import type { StoredTokens, TokenStore, TokenWrite } from '../state/TokenStore.js';
import { inSpan } from '../telemetry/inSpan.js';
import type { Telemetry, TelemetrySpan } from '../telemetry/Telemetry.js';
import { LeaseHeartbeat } from './LeaseHeartbeat.js';
import { PendingTokens } from './PendingTokens.js';
import type { TokenSet } from './TokenManager.js';
import {
  noRefreshToken,
  noStoredTokens,
  reauthorization,
  secretsOf,
  storeFailure,
} from './tokenManagerErrors.js';

/** How often a replica waiting for another's refresh tries the lock itself. */
const LOCK_RETRY_MS = 1000;

/** What `TokenManager` hands over when it keeps its tokens in a store. */
export interface SharedTokensOptions {
  store: TokenStore;
  lock: Lock;
  connectionKey: string;
  lockTtlMs: number;
  refreshMarginMs: number;
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  onTokens: ((tokens: TokenSet) => void | Promise<void>) | undefined;
  now: () => number;
  /** Written when the store holds nothing yet (once). */
  seed: TokenSet | undefined;
  /** An error from `refresh` or `onTokens`, as a copy that quotes none of these tokens. */
  redacted: (error: unknown, ...sets: Array<TokenSet | undefined>) => unknown;
  telemetry?: Telemetry | undefined;
}

/**
 * The store-backed side of `TokenManager`: every call reads the store, and a refresh happens once
 * per connection across every replica. Local callers share one refresh; across replicas the
 * connection's lock decides who refreshes, and the others wait for its write instead of sending a
 * refresh token that may be in use (the server would take the replay for theft).
 */
export class SharedTokens {
  readonly #o: SharedTokensOptions;
  readonly #lockKey: string;
  #known: StoredTokens | undefined;
  #seeded = false;
  #reading: Promise<StoredTokens> | undefined;
  #inFlight: Promise<string> | undefined;
  /** A refreshed pair the store could not take yet: written before anything else is read. */
  #pending: PendingTokens | undefined;
  /**
   * The refresh token this replica had refused, and the version it was read at. Kept here, not in
   * the store: a refusal may be this replica's own (a wrong client id or secret), and the other
   * replicas must still be able to refresh with that token.
   */
  #refused:
    | { version: number; refreshToken: string; error: ReauthorizationRequiredError }
    | undefined;

  constructor(options: SharedTokensOptions) {
    this.#o = options;
    this.#lockKey = `${options.connectionKey}:refresh`;
  }

  /** The tokens last read from the store (or the initial ones, before the first read). */
  get known(): TokenSet | undefined {
    return this.#known?.tokens ?? this.#o.seed;
  }

  #secrets() {
    return secretsOf(this.#known?.tokens, this.#o.seed, this.#pending?.tokens);
  }

  async #call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storeFailure(error, operation, this.#o.connectionKey, this.#secrets());
    }
  }

  #fresh(tokens: TokenSet): boolean {
    return tokens.expiresAt === null || tokens.expiresAt - this.#o.refreshMarginMs > this.#o.now();
  }

  #valid(tokens: TokenSet): boolean {
    return tokens.expiresAt === null || tokens.expiresAt > this.#o.now();
  }

  /** The stored tokens; concurrent callers share one read unless `own` asks for a read of its own. */
  #read(own = false): Promise<StoredTokens> {
    if (!own && this.#reading) return this.#reading;
    const reading = this.#readNow().finally(() => {
      if (this.#reading === reading) this.#reading = undefined;
    });
    if (!own) this.#reading = reading;
    return reading;
  }

  async #readNow(): Promise<StoredTokens> {
    const { store, connectionKey, seed } = this.#o;
    if (this.#pending) await this.#pending.flush();
    let stored = await this.#call('tokens.get', () => store.get(connectionKey));
    if (!stored && seed && !this.#seeded) {
      this.#seeded = true;
      const written = await this.#write(0, seed, undefined);
      stored = written.ok ? { tokens: seed, version: written.version } : written.current;
    }
    if (!stored) throw noStoredTokens(connectionKey);
    this.#known = stored;
    return stored;
  }

  #write(expected: number, tokens: TokenSet, fence: number | undefined): Promise<TokenWrite> {
    const { store, connectionKey } = this.#o;
    return this.#call('tokens.compareAndSet', () =>
      store.compareAndSet(connectionKey, expected, tokens, fence === undefined ? {} : { fence }),
    );
  }

  /** The access token of stored tokens that will not be refreshed: while valid, or never. */
  #settle(tokens: TokenSet): string {
    if (this.#valid(tokens)) return tokens.accessToken;
    const refused = this.#refusedAt(tokens);
    throw refused
      ? reauthorization(refused.error, this.#o.connectionKey)
      : noRefreshToken(this.#o.connectionKey);
  }

  /** The refusal that stands for these stored tokens, if this replica had their refresh token refused. */
  #refusedAt(tokens: TokenSet, version = this.#known?.version) {
    const refused = this.#refused;
    return refused?.version === version && refused?.refreshToken === tokens.refreshToken
      ? refused
      : undefined;
  }

  /** Nothing this replica may refresh with: no refresh token, or one it had refused. */
  #spent(stored: StoredTokens): boolean {
    return !stored.tokens.refreshToken || !!this.#refusedAt(stored.tokens, stored.version);
  }

  /** A usable access token; `rejectedToken` (a 401) makes it read the store for itself. */
  async getToken(rejectedToken?: string): Promise<string> {
    const stored = await this.#read(rejectedToken !== undefined);
    if (this.#fresh(stored.tokens)) return stored.tokens.accessToken;
    if (this.#spent(stored)) return this.#settle(stored.tokens);
    return this.#shared(stored, false);
  }

  /** Refreshes now, unless the store already holds newer tokens than those read last. */
  async refreshNow(): Promise<string> {
    const seen = this.#known ?? (await this.#read(true));
    return this.#shared(seen, true);
  }

  #shared(seen: StoredTokens, force: boolean): Promise<string> {
    this.#inFlight ??= inSpan(
      this.#o.telemetry,
      'makini.token.refresh',
      { 'makini.connection': this.#o.connectionKey },
      (span) => this.#takeTurn(seen, force, span),
    ).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Takes the lock and refreshes, or waits for the replica that holds it to write. */
  async #takeTurn(
    seen: StoredTokens,
    force: boolean,
    span: TelemetrySpan | undefined,
  ): Promise<string> {
    const { lock, lockTtlMs, now, connectionKey } = this.#o;
    const giveUpAt = now() + 2 * lockTtlMs;
    let triedAt = Number.NEGATIVE_INFINITY;
    for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
      // The store is polled often; the lock less: it frees only on a failed refresh or a lapse.
      if (Date.now() - triedAt >= Math.min(LOCK_RETRY_MS, lockTtlMs)) {
        triedAt = Date.now();
        const lease = await this.#call('lock.tryAcquire', () =>
          lock.tryAcquire(this.#lockKey, lockTtlMs),
        );
        if (lease) {
          span?.addEvent('makini.token.lock_acquired');
          return this.#holding(lease, seen, force);
        }
        span?.addEvent('makini.token.lock_wait');
        // Another replica refreshes: a token that still works needs no waiting for.
        if (!force && this.#valid(seen.tokens)) return seen.tokens.accessToken;
      }
      await sleep(delay);
      const stored = await this.#read(true);
      if (stored.version !== seen.version) {
        if (this.#fresh(stored.tokens) || this.#spent(stored)) {
          return this.#settle(stored.tokens);
        }
        seen = stored;
        force = false;
      }
      if (now() > giveUpAt) {
        throw new TimeoutError(
          'TIMEOUT',
          `Another replica has held the token refresh lock of connection ${connectionKey} for ${2 * lockTtlMs} ms without writing new tokens. Check that its refresh calls end (a timeout on the token endpoint), or raise lockTtlMs.`,
        );
      }
    }
  }

  async #holding(lease: Lease, seen: StoredTokens, force: boolean): Promise<string> {
    // A slow token endpoint must not let the lease lapse while this replica still refreshes.
    const heartbeat = new LeaseHeartbeat(this.#o.lock, lease, this.#o.lockTtlMs);
    let kept = false;
    try {
      // Another replica may have refreshed (or the customer reconnected) since `seen` was read.
      const current = await this.#read(true);
      const newer = current.version !== seen.version;
      if ((newer || !force) && this.#fresh(current.tokens)) return current.tokens.accessToken;
      const refreshToken = current.tokens.refreshToken;
      if (!refreshToken || this.#spent(current)) return this.#settle(current.tokens);
      return await this.#refresh(current, refreshToken, heartbeat, () => {
        kept = true;
      });
    } finally {
      // A pair waiting for the store keeps the lease until it is written (PendingTokens).
      if (!kept) await heartbeat.release();
    }
  }

  async #refresh(
    current: StoredTokens,
    refreshToken: string,
    heartbeat: LeaseHeartbeat,
    keepLease: () => void,
  ): Promise<string> {
    const { tokens } = current;
    let response: TokenResponse;
    try {
      response = await this.#o.refresh(refreshToken);
    } catch (error) {
      if (!ReauthorizationRequiredError.is(error)) throw this.#o.redacted(error, tokens);
      // Not asked again for this pair by this replica; the store keeps it for the others.
      this.#refused = { version: current.version, refreshToken, error };
      // Still valid by its expiry: calls go on and verify it (a 401 is proof it is broken).
      if (this.#valid(tokens)) return tokens.accessToken;
      throw reauthorization(error, this.#o.connectionKey);
    }
    const next: TokenSet = {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? refreshToken,
      expiresAt: response.expiresAt,
    };
    const fence = heartbeat.lease.fence;
    let written: TokenWrite;
    try {
      written = await this.#write(current.version, next, fence);
    } catch (error) {
      // The old refresh token is spent: hold the lease and write the new pair until it lands.
      keepLease();
      this.#keepPending(current.version, next, heartbeat);
      throw error;
    }
    if (!written.ok) {
      // A later write won (a reconnect, or a lock holder after this one): it holds the truth.
      if (!written.current) throw noStoredTokens(this.#o.connectionKey);
      this.#known = written.current;
      return this.#settle(written.current.tokens);
    }
    this.#known = { tokens: next, version: written.version };
    try {
      await this.#o.onTokens?.({ ...next });
    } catch (error) {
      throw this.#o.redacted(error, tokens, next);
    }
    return next.accessToken;
  }

  #keepPending(base: number, tokens: TokenSet, heartbeat: LeaseHeartbeat): void {
    const pending = new PendingTokens({
      base,
      tokens,
      heartbeat,
      write: (expected, pair, fence) => this.#write(expected, pair, fence),
      settled: (written) => {
        if (this.#pending === pending) this.#pending = undefined;
        if (written?.ok) this.#known = { tokens, version: written.version };
        else if (written?.current) this.#known = written.current;
      },
    });
    this.#pending = pending;
  }
}
