/**
 * The same rules, asked of core's memory store and of the Redis store through ioredis and
 * node-redis: what one replica's steps do to another's view of the budget.
 */
import { MemoryRateLimitStore, type RateLimitStore, type RateLimitTake } from '@makini-kit/core';
import { describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisRateLimitStore } from '../../src/RedisRateLimitStore.js';
import { redisClientPair } from '../redisClientPair.js';
import { testPrefix } from '../redisUrl.js';

const { io, nodeRedis } = redisClientPair();

/** Two replicas' views of one store: the same object in memory, two store objects on Redis. */
type Replicas = () => { a: RateLimitStore; b: RateLimitStore; prefix: string };

const redisReplicas =
  (first: () => RedisClientLike, second: () => RedisClientLike): Replicas =>
  () => {
    const prefix = testPrefix('rate');
    return {
      a: new RedisRateLimitStore({ connection: toRedisConnection(first()), prefix }),
      b: new RedisRateLimitStore({ connection: toRedisConnection(second()), prefix }),
      prefix,
    };
  };
const ioClient = () => io as unknown as RedisClientLike;
const nodeClient = () => nodeRedis as unknown as RedisClientLike;

const WIDE = { limit: 3, windowMs: 60_000 };
const denied = (take: RateLimitTake) => {
  expect(take.granted).toBe(false);
  return take as Extract<RateLimitTake, { granted: false }>;
};

describe.each([
  [
    'MemoryRateLimitStore',
    (() => {
      const store = new MemoryRateLimitStore();
      return { a: store, b: store, prefix: '' };
    }) as Replicas,
  ],
  ['RedisRateLimitStore (ioredis)', redisReplicas(ioClient, ioClient)],
  ['RedisRateLimitStore (node-redis)', redisReplicas(nodeClient, nodeClient)],
  ['RedisRateLimitStore (ioredis and node-redis)', redisReplicas(ioClient, nodeClient)],
])('%s', (_name, replicas) => {
  it('grants the limit per window across replicas, then says how long to wait', async () => {
    const { a, b } = replicas();
    expect(await a.take('c', WIDE)).toEqual({ granted: true });
    expect(await b.take('c', WIDE)).toEqual({ granted: true });
    expect(await a.take('c', WIDE)).toEqual({ granted: true });
    const refusal = denied(await b.take('c', WIDE));
    expect(refusal.waitMs).toBeGreaterThan(50_000);
    expect(refusal.waitMs).toBeLessThanOrEqual(60_000);
    expect(refusal.resetAt - Date.now()).toBeGreaterThan(50_000);
    // Another connection has a budget of its own.
    expect(await b.take('other', WIDE)).toEqual({ granted: true });
  });

  it('a pause on one replica holds every replica, an hour at most', async () => {
    const { a, b } = replicas();
    await a.pause('c', 30_000, WIDE);
    expect(denied(await b.take('c', WIDE)).waitMs).toBeGreaterThan(25_000);
    await a.pause('c', 10 * 86_400_000, WIDE);
    const capped = denied(await b.take('c', WIDE));
    expect(capped.waitMs).toBeGreaterThan(3_500_000);
    expect(capped.waitMs).toBeLessThanOrEqual(3_600_000);
    // A later answer that says the window resets sooner does not end the pause.
    await b.observe('c', { remaining: 5, resetInMs: 1000 }, WIDE);
    expect(denied(await a.take('c', WIDE)).waitMs).toBeGreaterThan(3_500_000);
  });

  it('ends a pause when the server said, though the local window is longer', async () => {
    const { a, b } = replicas();
    await a.take('c', WIDE);
    await a.settle('c');
    await a.pause('c', 300, WIDE);
    denied(await b.take('c', WIDE));
    await expect.poll(async () => (await b.take('c', WIDE)).granted).toBe(true);
  });

  it("lowers the count to the server's remaining, and never raises it", async () => {
    const { a, b } = replicas();
    await a.take('c', WIDE);
    await b.observe('c', { remaining: 1 }, WIDE);
    expect(await a.take('c', WIDE)).toEqual({ granted: true });
    await b.observe('c', { remaining: 50, limit: 100 }, WIDE);
    denied(await a.take('c', WIDE));
  });

  it("takes the server's reset, bounded by one window from its answer", async () => {
    const { a, b } = replicas();
    const policy = { limit: 1, windowMs: 10_000 };
    await a.take('c', policy);
    // A reset in whole seconds may say up to a second more than the window: the window bounds it.
    await b.observe('c', { remaining: 0, resetInMs: 10_900 }, policy);
    const bounded = denied(await a.take('c', policy));
    expect(bounded.waitMs).toBeLessThanOrEqual(10_000);
    expect(bounded.waitMs).toBeGreaterThan(9_000);
    // Much longer than the window: the server's window is its own, and is believed, for an hour at most.
    await b.observe('c', { remaining: 0, resetInMs: 30 * 86_400_000 }, policy);
    const far = denied(await a.take('c', policy));
    expect(far.waitMs).toBeGreaterThan(3_500_000);
    expect(far.waitMs).toBeLessThanOrEqual(3_600_000);
  });

  it('keeps the first answer of a window: later answers of the same window do not push its reset', async () => {
    const { a, b } = replicas();
    const policy = { limit: 2, windowMs: 5000 };
    await a.take('c', policy);
    await b.observe('c', { remaining: 1, resetInMs: 4000 }, policy);
    expect(await a.take('c', policy)).toEqual({ granted: true });
    const first = denied(await b.take('c', policy)).resetAt;
    // The same window's reset, rounded up to the second, seen 300 ms later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await b.observe('c', { remaining: 0, resetInMs: 3900 }, policy);
    const after = denied(await a.take('c', policy)).resetAt;
    expect(Math.abs(after - first)).toBeLessThan(100);
  });

  it('ignores a late answer about a window that ended before this one began', async () => {
    const { a, b } = replicas();
    const policy = { limit: 2, windowMs: 1500 };
    await a.take('c', policy);
    await b.observe('c', { remaining: 0, resetInMs: 200 }, policy);
    await expect.poll(async () => (await a.take('c', policy)).granted).toBe(true);
    // A request of the old window answers now: its remaining count is not this window's.
    await b.observe('c', { remaining: 0, resetInMs: 100 }, policy);
    expect(await a.take('c', policy)).toEqual({ granted: true });
  });

  it("does not refill on the local window while the window's requests have not answered", async () => {
    const { a, b } = replicas();
    // Long enough that a loaded machine does not also pass the extra window that refills anyway.
    const policy = { limit: 1, windowMs: 2_000 };
    await a.take('c', policy);
    // Past the local window, the store says to look again shortly instead of refilling.
    await expect
      .poll(async () => denied(await b.take('c', policy)).waitMs, { interval: 100 })
      .toBe(25);
    await a.settle('c');
    expect(await b.take('c', policy)).toEqual({ granted: true });
  });

  it('refills after one extra window when a request never answers', async () => {
    const { a, b } = replicas();
    const policy = { limit: 1, windowMs: 200 };
    await a.take('c', policy);
    await expect.poll(async () => (await b.take('c', policy)).granted).toBe(true);
  });

  it('refuses a policy that makes no sense', async () => {
    const { a } = replicas();
    await expect(async () => a.take('c', { limit: 0, windowMs: 1000 })).rejects.toThrow(
      /limit must be a positive integer/,
    );
    await expect(async () => a.take('c', { limit: 1, windowMs: Number.NaN })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('RedisRateLimitStore keys', () => {
  it("keeps one hash per connection in the connection's slot, expiring a few windows after its reset", async () => {
    const { a, prefix } = redisReplicas(ioClient, ioClient)();
    await a.take('conn_1', { limit: 5, windowMs: 2000 });
    const key = `${prefix}rate:{conn_1}`;
    expect(await io.exists(key)).toBe(1);
    const ttl = await io.pttl(key);
    expect(ttl).toBeGreaterThan(6000);
    expect(ttl).toBeLessThanOrEqual(8000);
    expect(await io.hget(key, 't')).toBe('4');
    // Settling a connection that has no state creates none.
    await a.settle('conn_2');
    expect(await io.exists(`${prefix}rate:{conn_2}`)).toBe(0);
  });

  it('needs a connection', () => {
    expect(() => new RedisRateLimitStore({} as never)).toThrow(/toRedisConnection/);
  });
});
