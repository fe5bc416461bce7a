import { rateLimitResetAt } from '../errors/errorFromResponse.js';
import { RateLimitError } from '../errors/MakiniError.js';
import { MAX_SERVER_CLOSURE_MS } from './serverWait.js';
import { checkDuration, MAX_TIMEOUT_MS } from './timers.js';

/** The client-side limit: what Makini allows per connection per window. */
export interface RateLimitOptions {
  /** Requests per window. */
  limit: number;
  /** The window, in ms: from 1 to 2^31-1. @default 60_000 */
  windowMs?: number;
}

interface Bucket {
  limit: number;
  tokens: number;
  /** When the bucket refills to `limit`, epoch ms. */
  resetAt: number;
  /** Requests sent in this window whose response has not arrived. */
  inFlight: number;
  /** True once a response of this window told the server's own reset time. */
  serverKnown: boolean;
  /** Callers waiting for a token, in order. */
  queue: Waiter[];
  timer?: ReturnType<typeof setTimeout> | undefined;
}

/** How a caller waits in `acquire`. */
export interface AcquireOptions {
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * The longest wait the caller accepts. When the bucket is empty until later than this, `acquire`
   * rejects at once with a `RateLimitError` carrying the wait in `retryAfterMs`. @default 60_000
   */
  maxWaitMs?: number | undefined;
}

interface Waiter {
  grant: () => void;
  refuse: (waitMs: number) => void;
  maxWaitMs: number;
}

/** Said when a wait is longer than the caller accepts; the client adds which call it was. */
function tooLong(waitMs: number, resetAt: number, maxWaitMs: number) {
  return new RateLimitError(
    429,
    `This connection's rate limit is spent for another ${waitMs} ms, longer than the ${maxWaitMs} ms the call may wait.`,
    { retryAfterMs: waitMs, resetAt: new Date(resetAt) },
  );
}

/**
 * A token bucket per connection that refills once per window, mirroring Makini's fixed windows.
 * The `x-ratelimit-*` headers of every response correct it (remaining and reset are the server's
 * truth), so a client stays close to the limit without tripping it.
 */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly windowMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(options.limit) && options.limit > 0)) {
      throw new RangeError(`rateLimit.limit must be a positive integer, got ${options.limit}.`);
    }
    this.windowMs = checkDuration('rateLimit.windowMs', options.windowMs ?? 60_000);
  }

  /**
   * The latest reset a server's word may set: an hour away, or one window when that is longer. A
   * header that says later (however absurd) would otherwise hold the bucket shut until a restart.
   */
  private latestReset(): number {
    return this.now() + Math.max(this.windowMs, MAX_SERVER_CLOSURE_MS);
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        limit: this.options.limit,
        tokens: this.options.limit,
        resetAt: this.now() + this.windowMs,
        inFlight: 0,
        serverKnown: false,
        queue: [],
      };
      this.buckets.set(key, bucket);
    }
    if (this.now() >= bucket.resetAt && this.mayRefill(bucket)) {
      bucket.tokens = bucket.limit;
      bucket.resetAt = this.now() + this.windowMs;
      bucket.serverKnown = false;
    }
    return bucket;
  }

  /**
   * The local window is a guess until a response brings the server's reset time. While requests of
   * the window are still in flight and none has answered, the server's window (which started when
   * the first of them arrived, later than ours) may still be open: wait for the answer.
   */
  private mayRefill(bucket: Bucket): boolean {
    // A request that never answers must not hold the bucket shut: one extra window at most.
    return (
      bucket.serverKnown || bucket.inFlight === 0 || this.now() >= bucket.resetAt + this.windowMs
    );
  }

  /**
   * Resolves when a request may be sent; waits (in order) while the bucket is empty, and rejects at
   * once with a `RateLimitError` when the bucket stays empty longer than `maxWaitMs`.
   */
  acquire(key: string, options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    const maxWaitMs = options.maxWaitMs ?? 60_000;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const bucket = this.bucket(key);
    if (bucket.queue.length === 0 && bucket.tokens > 0) {
      bucket.tokens--;
      bucket.inFlight++;
      return Promise.resolve();
    }
    const waitMs = bucket.resetAt - this.now();
    if (waitMs > maxWaitMs) return Promise.reject(tooLong(waitMs, bucket.resetAt, maxWaitMs));
    return new Promise((resolve, reject) => {
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        bucket.queue = bucket.queue.filter((queued) => queued !== waiter);
      };
      const waiter: Waiter = {
        maxWaitMs,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: (wait) => {
          leave();
          reject(tooLong(wait, bucket.resetAt, maxWaitMs));
        },
      };
      const onAbort = () => {
        leave();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      bucket.queue.push(waiter);
      this.schedule(key, bucket);
    });
  }

  private schedule(key: string, bucket: Bucket) {
    if (bucket.timer) return;
    // Past the local reset but still waiting for the server's answer: look again shortly.
    const wait = Math.max(bucket.resetAt - this.now(), this.mayRefill(bucket) ? 0 : 25);
    // A far reset is reached in steps: a longer timer would fire at once and spin.
    bucket.timer = setTimeout(
      () => {
        bucket.timer = undefined;
        const fresh = this.bucket(key);
        while (fresh.tokens > 0 && fresh.queue.length > 0) {
          fresh.tokens--;
          fresh.inFlight++;
          fresh.queue.shift()?.grant();
        }
        if (fresh.queue.length > 0) this.schedule(key, fresh);
      },
      Math.min(wait, MAX_TIMEOUT_MS),
    );
  }

  /** Callers who accepted a shorter wait than the bucket now needs are refused at once. */
  private refuseLongWaits(key: string, bucket: Bucket) {
    const waitMs = bucket.resetAt - this.now();
    for (const waiter of [...bucket.queue]) if (waitMs > waiter.maxWaitMs) waiter.refuse(waitMs);
    if (bucket.timer && bucket.queue.length === 0) {
      clearTimeout(bucket.timer);
      bucket.timer = undefined;
    }
    if (bucket.queue.length > 0 && !bucket.timer) this.schedule(key, bucket);
  }

  /** A request sent after `acquire` ended without a response (network error, abort). */
  settle(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.inFlight > 0) bucket.inFlight--;
  }

  /**
   * A response arrived: the request is no longer in flight, and the server's view (its limit, what
   * remains, and when the window resets) corrects the bucket.
   */
  observe(key: string, headers: Headers): void {
    this.settle(key);
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    const limit = Number(headers.get('x-ratelimit-limit') ?? Number.NaN);
    const resetAt = rateLimitResetAt(headers, this.now());
    if (Number.isNaN(remaining) && !resetAt) return;
    const bucket = this.bucket(key);
    bucket.serverKnown = true;
    if (Number.isInteger(limit) && limit > 0) bucket.limit = limit;
    if (resetAt) bucket.resetAt = Math.min(resetAt.getTime(), this.latestReset());
    // Requests still in flight were counted here but not yet by the server: never raise the count.
    if (Number.isInteger(remaining)) bucket.tokens = Math.min(bucket.tokens, remaining);
    if (bucket.tokens === 0) this.refuseLongWaits(key, bucket);
  }

  /** After a 429 the window is spent until `retryAfterMs` from now (an hour at most). */
  exhaust(key: string, retryAfterMs: number): void {
    const bucket = this.bucket(key);
    bucket.tokens = 0;
    const until = Number.isNaN(retryAfterMs) ? 0 : this.now() + retryAfterMs;
    bucket.resetAt = Math.min(Math.max(bucket.resetAt, until), this.latestReset());
    this.refuseLongWaits(key, bucket);
  }

  /** Stops pending timers (waiting callers stay queued). */
  dispose(): void {
    for (const bucket of this.buckets.values()) {
      if (bucket.timer) clearTimeout(bucket.timer);
      bucket.timer = undefined;
    }
  }
}
