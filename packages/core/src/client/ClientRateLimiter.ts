import { rateLimitResetAt } from '../errors/errorFromResponse.js';

/** The client-side limit: what Makini allows per connection per window. */
export interface RateLimitOptions {
  /** Requests per window. */
  limit: number;
  /** @default 60_000 */
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
  queue: Array<() => void>;
  timer?: ReturnType<typeof setTimeout> | undefined;
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
    this.windowMs = options.windowMs ?? 60_000;
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

  /** Resolves when a request may be sent; waits (in order) while the bucket is empty. */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(key);
    if (bucket.queue.length === 0 && bucket.tokens > 0) {
      bucket.tokens--;
      bucket.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        bucket.queue = bucket.queue.filter((waiter) => waiter !== grant);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      bucket.queue.push(grant);
      this.schedule(key, bucket);
    });
  }

  private schedule(key: string, bucket: Bucket) {
    if (bucket.timer) return;
    // Past the local reset but still waiting for the server's answer: look again shortly.
    const wait = Math.max(bucket.resetAt - this.now(), this.mayRefill(bucket) ? 0 : 25);
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      const fresh = this.bucket(key);
      while (fresh.tokens > 0 && fresh.queue.length > 0) {
        fresh.tokens--;
        fresh.inFlight++;
        fresh.queue.shift()?.();
      }
      if (fresh.queue.length > 0) this.schedule(key, fresh);
    }, wait);
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
    if (resetAt) bucket.resetAt = resetAt.getTime();
    // Requests still in flight were counted here but not yet by the server: never raise the count.
    if (Number.isInteger(remaining)) bucket.tokens = Math.min(bucket.tokens, remaining);
  }

  /** After a 429 the window is spent until `retryAfterMs` from now. */
  exhaust(key: string, retryAfterMs: number): void {
    const bucket = this.bucket(key);
    bucket.tokens = 0;
    bucket.resetAt = Math.max(bucket.resetAt, this.now() + retryAfterMs);
  }

  /** Stops pending timers (waiting callers stay queued). */
  dispose(): void {
    for (const bucket of this.buckets.values()) {
      if (bucket.timer) clearTimeout(bucket.timer);
      bucket.timer = undefined;
    }
  }
}
