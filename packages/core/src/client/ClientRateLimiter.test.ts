import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimitError } from '../errors/MakiniError.js';
import { StateStoreError } from '../errors/StateStoreError.js';
import { MemoryRateLimitStore } from '../state/MemoryRateLimitStore.js';
import type {
  RateLimitObservation,
  RateLimitPolicy,
  RateLimitStore,
  RateLimitTake,
} from '../state/RateLimitStore.js';
import { ClientRateLimiter } from './ClientRateLimiter.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Acquires `count` times; each granted request "answers" at once (settle), as a response would. */
async function granted(limiter: ClientRateLimiter, count: number) {
  let done = 0;
  for (let index = 0; index < count; index++) {
    void limiter.acquire('c').then(() => {
      done++;
      limiter.settle('c');
    });
  }
  await vi.advanceTimersByTimeAsync(0);
  return () => done;
}

describe('ClientRateLimiter', () => {
  it('grants the limit per window, then waits for the next window, in order', async () => {
    const limiter = new ClientRateLimiter({ limit: 3, windowMs: 1000 }, () => Date.now());
    const done = await granted(limiter, 7);
    expect(done()).toBe(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(done()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(6);
    await vi.advanceTimersByTimeAsync(1000);
    expect(done()).toBe(7);
  });

  it("does not refill on its own clock while the window's requests have not answered", async () => {
    const limiter = new ClientRateLimiter({ limit: 2, windowMs: 1000 }, () => Date.now());
    await limiter.acquire('c');
    await limiter.acquire('c');
    let third = false;
    void limiter.acquire('c').then(() => {
      third = true;
    });
    await vi.advanceTimersByTimeAsync(1100);
    expect(third).toBe(false);
    // The server's answer says its window resets a little later than ours did.
    const resetAt = Math.ceil((Date.now() + 400) / 1000);
    limiter.observe(
      'c',
      new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) }),
    );
    await vi.advanceTimersByTimeAsync(resetAt * 1000 - Date.now() - 1);
    expect(third).toBe(false);
    await vi.advanceTimersByTimeAsync(30);
    expect(third).toBe(true);
  });

  it('refills after one extra window when a request never answers', async () => {
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 1000 }, () => Date.now());
    await limiter.acquire('c');
    let second = false;
    void limiter.acquire('c').then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(1500);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(600);
    expect(second).toBe(true);
  });

  it('keys buckets apart', async () => {
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 1000 }, () => Date.now());
    await limiter.acquire('a');
    let other = false;
    void limiter.acquire('b').then(() => {
      other = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(other).toBe(true);
  });

  it("takes the server's remaining count and reset time from the headers", async () => {
    const limiter = new ClientRateLimiter({ limit: 100, windowMs: 60_000 }, () => Date.now());
    await limiter.acquire('c');
    const resetAt = Math.ceil((Date.now() + 5000) / 1000);
    limiter.observe(
      'c',
      new Headers({
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '1',
        'x-ratelimit-reset': String(resetAt),
      }),
    );
    const done = await granted(limiter, 3);
    expect(done()).toBe(1);
    await vi.advanceTimersByTimeAsync(resetAt * 1000 - Date.now());
    expect(done()).toBe(3);
  });

  it('never raises its count from a header (in-flight requests are not counted there yet)', async () => {
    const limiter = new ClientRateLimiter({ limit: 2, windowMs: 60_000 }, () => Date.now());
    await limiter.acquire('c');
    await limiter.acquire('c');
    limiter.observe('c', new Headers({ 'x-ratelimit-remaining': '50' }));
    const done = await granted(limiter, 1);
    expect(done()).toBe(0);
  });

  it('waits out a 429 for Retry-After', async () => {
    const limiter = new ClientRateLimiter({ limit: 10, windowMs: 1000 }, () => Date.now());
    limiter.exhaust('c', 4000);
    const done = await granted(limiter, 1);
    await vi.advanceTimersByTimeAsync(3999);
    expect(done()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(1);
  });

  it('lets a waiting caller abort', async () => {
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 1000 }, () => Date.now());
    await limiter.acquire('c');
    const controller = new AbortController();
    const waiting = limiter.acquire('c', { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('rejects at once, with the remaining wait, when the wait is longer than maxWaitMs', async () => {
    const limiter = new ClientRateLimiter({ limit: 10, windowMs: 1000 }, () => Date.now());
    limiter.exhaust('c', 3_600_000);
    const refused = await limiter
      .acquire('c', { maxWaitMs: 60_000 })
      .catch((caught: unknown) => caught);
    expect(RateLimitError.is(refused)).toBe(true);
    expect((refused as RateLimitError).retryAfterMs).toBe(3_600_000);
    await vi.advanceTimersByTimeAsync(1000);
    const later = await limiter
      .acquire('c', { maxWaitMs: 60_000 })
      .catch((caught: unknown) => caught);
    expect((later as RateLimitError).retryAfterMs).toBe(3_599_000);
  });

  it('rejects callers already waiting when a 429 pushes the reset beyond their maxWaitMs', async () => {
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 1000 }, () => Date.now());
    await limiter.acquire('c');
    const waiting = limiter.acquire('c', { maxWaitMs: 60_000 }).catch((caught: unknown) => caught);
    limiter.exhaust('c', 86_400_000);
    expect(RateLimitError.is(await waiting)).toBe(true);
  });

  it('refuses a nonsensical limit', () => {
    expect(() => new ClientRateLimiter({ limit: 0 })).toThrow(/positive integer/);
  });
});

/** A store that answers later, as one across the network does, and can be taken down. */
class RemoteStore implements RateLimitStore {
  down = false;
  readonly inner = new MemoryRateLimitStore({ now: () => Date.now() });
  async #answer<T>(run: () => T): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.down)
      throw new StateStoreError('rateLimit: the store is down.', { operation: 'rateLimit.take' });
    return run();
  }
  take(key: string, policy: RateLimitPolicy): Promise<RateLimitTake> {
    return this.#answer(() => this.inner.take(key, policy));
  }
  observe(key: string, observation: RateLimitObservation, policy: RateLimitPolicy) {
    return this.#answer(() => this.inner.observe(key, observation, policy));
  }
  settle(key: string) {
    return this.#answer(() => this.inner.settle(key));
  }
  pause(key: string, ms: number, policy: RateLimitPolicy) {
    return this.#answer(() => this.inner.pause(key, ms, policy));
  }
}

describe('ClientRateLimiter with a store', () => {
  it('two limiters sharing one store spend one budget, and a 429 on one pauses both', async () => {
    const store = new MemoryRateLimitStore({ now: () => Date.now() });
    const a = new ClientRateLimiter({ limit: 2, windowMs: 1000, store }, () => Date.now());
    const b = new ClientRateLimiter({ limit: 2, windowMs: 1000, store }, () => Date.now());
    await a.acquire('c');
    a.settle('c');
    await b.acquire('c');
    b.settle('c');
    const done = await granted(b, 1);
    expect(done()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(done()).toBe(1);
    a.exhaust('c', 5000);
    const after = await granted(b, 1);
    await vi.advanceTimersByTimeAsync(4999);
    expect(after()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(after()).toBe(1);
  });

  it("bounds a reset given in whole seconds by one window from the server's answer", async () => {
    vi.setSystemTime(Date.UTC(2026, 0, 1) + 100);
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 2000 }, () => Date.now());
    await limiter.acquire('c');
    // The server's window began when this request arrived; its reset is rounded up to 3 s.
    const resetAt = Math.ceil((Date.now() + 2000) / 1000);
    limiter.observe(
      'c',
      new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) }),
    );
    const done = await granted(limiter, 1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(done()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(1);
  });

  it('serves callers in order when the store answers later', async () => {
    const store = new RemoteStore();
    const limiter = new ClientRateLimiter({ limit: 2, windowMs: 1000, store }, () => Date.now());
    const order: number[] = [];
    const calls = [0, 1, 2, 3, 4].map((index) =>
      limiter.acquire('c').then(() => {
        order.push(index);
        limiter.settle('c');
      }),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("rejects every waiting caller with the store's error, and asks the store again next time", async () => {
    const store = new RemoteStore();
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 1000, store }, () => Date.now());
    const first = limiter.acquire('c');
    await vi.advanceTimersByTimeAsync(10);
    await first;
    limiter.settle('c');
    const waiting = [limiter.acquire('c'), limiter.acquire('c')].map((call) =>
      call.catch((error: unknown) => error),
    );
    await vi.advanceTimersByTimeAsync(10);
    store.down = true;
    await vi.advanceTimersByTimeAsync(1000);
    for (const outcome of await Promise.all(waiting)) {
      expect(StateStoreError.is(outcome)).toBe(true);
    }
    store.down = false;
    const next = limiter.acquire('c');
    await vi.advanceTimersByTimeAsync(10);
    await expect(next).resolves.toBeUndefined();
  });
});

describe('ClientRateLimiter timers (real clock)', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('never sets a timer beyond 2^31-1 ms, so a far reset does not spin', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const limiter = new ClientRateLimiter({ limit: 1, windowMs: 1000 });
    try {
      limiter.exhaust('c', 2 ** 33);
      const controller = new AbortController();
      let granted = false;
      const waiting = limiter
        .acquire('c', { signal: controller.signal, maxWaitMs: Number.POSITIVE_INFINITY })
        .then(() => {
          granted = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(granted).toBe(false);
      controller.abort(new Error('stop'));
      await expect(waiting).rejects.toThrow('stop');
      expect(warnings.map((warning) => warning.name)).not.toContain('TimeoutOverflowWarning');
    } finally {
      limiter.dispose();
      process.off('warning', onWarning);
    }
  });
});
