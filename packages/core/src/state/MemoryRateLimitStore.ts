import { MAX_SERVER_CLOSURE_MS } from '../client/serverWait.js';
import { checkDuration } from '../client/timers.js';
import type {
  RateLimitObservation,
  RateLimitPolicy,
  RateLimitStore,
  RateLimitTake,
} from './RateLimitStore.js';

/** Options of {@link MemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /** The clock windows are counted by, in epoch ms (tests move it). @default Date.now */
  now?: () => number;
}

interface Bucket {
  limit: number;
  tokens: number;
  /** When the bucket refills to `limit`, epoch ms. */
  resetAt: number;
  /** The earliest the server's current window can end (0: not known), epoch ms. */
  floor: number;
  /** Requests sent in this window whose response has not arrived. */
  inFlight: number;
  /** True once a response of this window told the server's own reset time. */
  serverKnown: boolean;
  /** Nothing is granted before this, whatever a response says (a 429's wait), epoch ms. */
  pausedUntil: number;
}

/** `x-ratelimit-reset` is whole seconds: the server's reset lies up to this much before it. */
export const RESET_ROUNDING_MS = 1000;
/** How soon to ask again while a window's requests have not answered. */
export const RECHECK_MS = 25;

/** Throws a RangeError naming what is wrong with a policy a caller passed. */
export function checkRateLimitPolicy(policy: RateLimitPolicy): void {
  if (!(Number.isInteger(policy?.limit) && policy.limit > 0)) {
    throw new RangeError(`rateLimit.limit must be a positive integer, got ${policy?.limit}.`);
  }
  checkDuration('rateLimit.windowMs', policy.windowMs);
}

/**
 * A {@link RateLimitStore} in this process's memory: a bucket per connection that refills once per
 * window, mirroring Makini's fixed windows, corrected by what every response says. The default of
 * `ClientRateLimiter`; several limiters in one process may share one. Use `RedisRateLimitStore`
 * from `@makini-kit/redis` to share a budget across processes (the same rules, in Lua).
 *
 * @example
 * const store = new MemoryRateLimitStore();
 * const a = new MakiniClient({ token, connectionKey: 'conn_1', rateLimit: { limit: 60, windowMs: 60_000, store } });
 * const b = new MakiniClient({ token, connectionKey: 'conn_1', rateLimit: { limit: 60, windowMs: 60_000, store } });
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;

  /**
   * One per process; share it between the objects that should see each other.
   *
   * @param options The clock, for tests.
   */
  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * The local window is a guess until a response brings the server's reset time. While requests of
   * the window are still in flight and none has answered, the server's window (which started when
   * the first of them arrived, later than ours) may still be open: wait for the answer. A request
   * that never answers must not hold the bucket shut: one extra window at most.
   */
  #mayRefill(bucket: Bucket, now: number, windowMs: number): boolean {
    return bucket.serverKnown || bucket.inFlight === 0 || now >= bucket.resetAt + windowMs;
  }

  #bucket(key: string, policy: RateLimitPolicy, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      checkRateLimitPolicy(policy);
      bucket = {
        limit: policy.limit,
        tokens: policy.limit,
        resetAt: now + policy.windowMs,
        floor: 0,
        inFlight: 0,
        serverKnown: false,
        pausedUntil: 0,
      };
      this.#buckets.set(key, bucket);
    } else if (now >= bucket.resetAt && this.#mayRefill(bucket, now, policy.windowMs)) {
      // Every request the server counts from now on arrives after now, so its window cannot end
      // before a full window from now (unknown when a request of the old window is still out).
      bucket.floor = bucket.inFlight === 0 || bucket.serverKnown ? now + policy.windowMs : 0;
      bucket.tokens = bucket.limit;
      bucket.resetAt = now + policy.windowMs;
      bucket.serverKnown = false;
    }
    return bucket;
  }

  /** The latest reset a server's word may set: an hour away, or one window when that is longer. */
  #latestReset(now: number, windowMs: number): number {
    return now + Math.max(windowMs, MAX_SERVER_CLOSURE_MS);
  }

  take(key: string, policy: RateLimitPolicy): RateLimitTake {
    const now = this.#now();
    const bucket = this.#bucket(key, policy, now);
    if (bucket.tokens > 0) {
      bucket.tokens--;
      bucket.inFlight++;
      return { granted: true };
    }
    // Past the local reset but still waiting for the server's answer: look again shortly.
    const waitMs = bucket.resetAt > now ? bucket.resetAt - now : RECHECK_MS;
    return { granted: false, waitMs, resetAt: bucket.resetAt };
  }

  settle(key: string): void {
    const bucket = this.#buckets.get(key);
    if (bucket && bucket.inFlight > 0) bucket.inFlight--;
  }

  observe(key: string, observation: RateLimitObservation, policy: RateLimitPolicy): void {
    this.settle(key);
    const { remaining, limit, resetInMs } = observation;
    if (remaining === undefined && resetInMs === undefined) return;
    const now = this.#now();
    const bucket = this.#bucket(key, policy, now);
    if (resetInMs !== undefined) {
      // The server's window began no later than this response: when the header (rounded up to a
      // second) allows it, the window's own length is the tighter bound.
      const top = Math.min(
        now +
          (resetInMs <= policy.windowMs + RESET_ROUNDING_MS
            ? Math.min(resetInMs, policy.windowMs)
            : resetInMs),
        this.#latestReset(now, policy.windowMs),
      );
      // A late answer about a window that ended before this one began says nothing about this one.
      if (top < bucket.floor) return;
      const sameWindow =
        bucket.serverKnown &&
        policy.windowMs > RESET_ROUNDING_MS &&
        bucket.resetAt > now + resetInMs - RESET_ROUNDING_MS &&
        bucket.resetAt <= top;
      // Within the window the first answer's bound is the tightest: later answers keep it.
      if (!sameWindow) bucket.resetAt = Math.max(top, bucket.pausedUntil);
    }
    bucket.serverKnown = true;
    if (limit !== undefined && Number.isInteger(limit) && limit > 0) bucket.limit = limit;
    // Requests still in flight were counted here but not yet by the server: never raise the count.
    if (remaining !== undefined && Number.isInteger(remaining)) {
      bucket.tokens = Math.max(0, Math.min(bucket.tokens, remaining));
    }
  }

  pause(key: string, ms: number, policy: RateLimitPolicy): void {
    const now = this.#now();
    const bucket = this.#bucket(key, policy, now);
    bucket.tokens = 0;
    if (Number.isNaN(ms)) return;
    bucket.pausedUntil = Math.max(
      bucket.pausedUntil,
      Math.min(now + Math.max(0, ms), this.#latestReset(now, policy.windowMs)),
    );
    // The server said when to come back: that beats the local guess, never the server's own reset.
    bucket.resetAt = bucket.serverKnown
      ? Math.max(bucket.resetAt, bucket.pausedUntil)
      : bucket.pausedUntil;
    bucket.serverKnown = true;
  }
}
