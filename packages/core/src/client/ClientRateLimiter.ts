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
        queue: [],
      };
      this.buckets.set(key, bucket);
    }
    if (this.now() >= bucket.resetAt) {
      bucket.tokens = bucket.limit;
      bucket.resetAt = this.now() + this.windowMs;
    }
    return bucket;
  }

  /** Resolves when a request may be sent; waits (in order) while the bucket is empty. */
  acquire(key: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(key);
    if (bucket.queue.length === 0 && bucket.tokens > 0) {
      bucket.tokens--;
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
    const wait = Math.max(0, bucket.resetAt - this.now());
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      const fresh = this.bucket(key);
      while (fresh.tokens > 0 && fresh.queue.length > 0) {
        fresh.tokens--;
        fresh.queue.shift()?.();
      }
      if (fresh.queue.length > 0) this.schedule(key, fresh);
    }, wait);
  }

  /** Takes the server's view from a response: its limit, what remains, and when the window resets. */
  observe(key: string, headers: Headers): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
    const limit = Number(headers.get('x-ratelimit-limit') ?? Number.NaN);
    const resetAt = rateLimitResetAt(headers, this.now());
    if (Number.isNaN(remaining) && !resetAt) return;
    const bucket = this.bucket(key);
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
