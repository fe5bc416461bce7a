import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisDedupeStore } from '../index.js';

let ioredis: Redis;
const nodeRedis = createClient({ url: inject('redisUrl') });
beforeAll(async () => {
  ioredis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  await nodeRedis.connect();
});
afterAll(async () => {
  await ioredis.quit();
  await nodeRedis.quit();
});

const prefix = () => `dedupe-client:${Date.now()}:${Math.random().toString(36).slice(2)}:`;

/** What `toRedisConnection(redis)` of @makini-kit/redis returns, as far as its shape goes. */
const redisConnection = () => ({
  command: (_operation: string, args: unknown[]) => ioredis.call(String(args[0])),
  evalScript: async () => undefined,
  subscribe: async () => async () => undefined,
  close: async () => undefined,
});

describe('RedisDedupeStore options', () => {
  it('refuses { connection } (the option of the @makini-kit/redis stores), saying to pass the client itself', () => {
    const options = { connection: redisConnection(), prefix: prefix() } as never;
    expect(() => new RedisDedupeStore(options)).toThrow(TypeError);
    expect(() => new RedisDedupeStore(options)).toThrow(
      /RedisDedupeStore takes the Redis client itself as `client`, not `connection`.*new RedisDedupeStore\(\{ client: redis \}\).*not toRedisConnection\(redis\)/,
    );
  });

  it('refuses what toRedisConnection returns given as the client', () => {
    const options = { client: redisConnection() } as never;
    expect(() => new RedisDedupeStore(options)).toThrow(TypeError);
    expect(() => new RedisDedupeStore(options)).toThrow(/not toRedisConnection\(redis\)/);
  });

  it('refuses no options, no client and a client that is not one, saying what to pass', () => {
    for (const options of [undefined, {}, { client: null }, { client: 'redis://127.0.0.1:6379' }]) {
      expect(() => new RedisDedupeStore(options as never)).toThrow(TypeError);
      expect(() => new RedisDedupeStore(options as never)).toThrow(
        /RedisDedupeStore needs `client`: an ioredis client \(new Redis\(url\)\) or a connected node-redis client/,
      );
    }
  });

  it('refuses a prefix that is not a string', () => {
    expect(() => new RedisDedupeStore({ client: ioredis, prefix: 1 as never })).toThrow(
      /RedisDedupeStore: prefix must be a string, got number/,
    );
  });
});

describe.each([
  ['ioredis', () => ioredis],
  ['node-redis', () => nodeRedis],
])('RedisDedupeStore on a %s client', (_kind, client) => {
  it('claims once, with an expiry, and records the event done', async () => {
    const store = new RedisDedupeStore({ client: client(), prefix: prefix() });
    const claim = await store.claim('evt', 10_000);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    expect(await store.claim('evt', 10_000)).toEqual({ status: 'in_progress' });
    expect(await store.renew('evt', claim.token, 10_000)).toBe(true);
    expect(await store.renew('evt', 'someone-else', 10_000)).toBe(false);
    await store.complete('evt', claim.token, 60_000);
    expect(await store.claim('evt', 10_000)).toEqual({ status: 'done' });
  });

  it('sets the claim with its lifetime, so a crashed claim expires', async () => {
    const keyPrefix = prefix();
    const store = new RedisDedupeStore({ client: client(), prefix: keyPrefix });
    await store.claim('evt', 10_000);
    const ttl = Number(await ioredis.pttl(`${keyPrefix}evt`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it('releases the claim of its own token only', async () => {
    const store = new RedisDedupeStore({ client: client(), prefix: prefix() });
    const claim = await store.claim('evt', 10_000);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    await store.release('evt', 'someone-else');
    expect(await store.claim('evt', 10_000)).toEqual({ status: 'in_progress' });
    await store.release('evt', claim.token);
    expect(await store.claim('evt', 10_000)).toMatchObject({ status: 'claimed' });
  });
});
