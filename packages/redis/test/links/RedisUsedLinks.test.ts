import { ReconnectLinkError, ReconnectLinks, StateStoreError } from '@makini-kit/core';
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisUsedLinks } from '../../src/RedisUsedLinks.js';
import { redisClientPair } from '../redisClientPair.js';
import { testPrefix } from '../redisUrl.js';

const SECRET = 'reconnect-link-secret-for-the-redis-tests-0123';
const PAGE = 'https://app.example/reconnect';
const { io, nodeRedis } = redisClientPair();

/** Two replicas of a back end: each its own Redis client (ioredis, node-redis), one Redis. */
function replicas(prefix: string) {
  return [io, nodeRedis].map(
    (client) =>
      new ReconnectLinks({
        secrets: [SECRET],
        usedLinks: new RedisUsedLinks({
          connection: toRedisConnection(client as unknown as RedisClientLike),
          prefix,
        }),
      }),
  );
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (!ReconnectLinkError.is(error)) throw error;
    return error.code;
  }
}

describe('RedisUsedLinks', () => {
  it('marks a link once under <prefix>link:used:<id>, expiring with the link', async () => {
    const prefix = testPrefix('links');
    const connection = toRedisConnection(io as unknown as RedisClientLike);
    const store = new RedisUsedLinks({ connection, prefix });
    const expiresAt = Date.now() + 60_000;
    expect(await store.isUsed('l1')).toBe(false);
    expect(await store.markUsed('l1', expiresAt)).toBe(true);
    expect(await store.markUsed('l1', expiresAt)).toBe(false);
    expect(await store.isUsed('l1')).toBe(true);
    expect(store.keyOf('l1')).toBe(`${prefix}link:used:l1`);
    // Kept past the link's expiry: a replica whose clock disagrees still finds it.
    expect(
      Number(await connection.command('test', ['PEXPIRETIME', store.keyOf('l1')])),
    ).toBeGreaterThan(expiresAt);
    expect(new RedisUsedLinks({ connection }).keyOf('x')).toBe('makini:link:used:x');
  });

  it('keeps a mark whose expiresAt is already past on the Redis clock, so every later mark is refused', async () => {
    const store = new RedisUsedLinks({
      connection: toRedisConnection(io as unknown as RedisClientLike),
      prefix: testPrefix('links'),
    });
    const past = Date.now() - 1_000;
    expect(await store.markUsed('l1', past)).toBe(true);
    expect(await store.markUsed('l1', past)).toBe(false);
    expect(await store.isUsed('l1')).toBe(true);
  });

  it('refuses a second redeem when the replicas clocks are behind Redis', async () => {
    const prefix = testPrefix('links');
    // Each replica's clock 3 s behind the Redis server's: a link with 1 s left on theirs is past on Redis's.
    const [first, second] = [io, nodeRedis].map(
      (client) =>
        new ReconnectLinks({
          secrets: [SECRET],
          usedLinks: new RedisUsedLinks({
            connection: toRedisConnection(client as unknown as RedisClientLike),
            prefix,
          }),
          now: () => Date.now() - 3_000,
        }),
    );
    if (!first || !second) throw new Error('two replicas');
    const { token } = await first.create({ connectionId: 'conn_1', url: PAGE, ttlMs: 1_000 });
    expect(await codeOf(first.redeem(token, { connectionId: 'conn_1' }))).toBe('resolved');
    expect(await codeOf(second.redeem(token, { connectionId: 'conn_1' }))).toBe('LINK_USED');
    expect(await codeOf(first.redeem(token, { connectionId: 'conn_1' }))).toBe('LINK_USED');
  });

  it('refuses on one replica a link redeemed on the other', async () => {
    const [first, second] = replicas(testPrefix('links'));
    if (!first || !second) throw new Error('two replicas');
    const { token } = await first.create({ connectionId: 'conn_1', url: PAGE });
    expect((await second.verify(token)).connectionId).toBe('conn_1');
    await first.redeem(token, { connectionId: 'conn_1' });
    expect(await codeOf(second.redeem(token))).toBe('LINK_USED');
    expect(await codeOf(second.verify(token))).toBe('LINK_USED');
    // Another link of the same connection is not affected.
    const next = await second.create({ connectionId: 'conn_1', url: PAGE });
    expect(await codeOf(first.redeem(next.token))).toBe('resolved');
  });

  it('lets exactly one of many concurrent redeems on two replicas win', async () => {
    const [first, second] = replicas(testPrefix('links'));
    if (!first || !second) throw new Error('two replicas');
    const { token } = await first.create({ connectionId: 'conn_1', url: PAGE });
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => codeOf((index % 2 ? first : second).redeem(token))),
    );
    expect(codes.filter((code) => code === 'resolved')).toHaveLength(1);
    expect(codes.filter((code) => code === 'LINK_USED')).toHaveLength(19);
  });

  it('fails with StateStoreError when Redis cannot answer, so no link works twice', async () => {
    // Nothing listens on port 1; without an offline queue ioredis refuses at once.
    const offline = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    offline.on('error', () => {});
    try {
      const links = new ReconnectLinks({
        secrets: [SECRET],
        usedLinks: new RedisUsedLinks({
          connection: toRedisConnection(offline as unknown as RedisClientLike),
        }),
      });
      const { token } = await links.create({ connectionId: 'conn_1', url: PAGE });
      const error = await links.redeem(token).catch((caught: unknown) => caught);
      expect(StateStoreError.is(error)).toBe(true);
      expect((error as StateStoreError).operation).toBe('usedLinks.markUsed');
      expect(JSON.stringify(error)).not.toContain(token);
    } finally {
      offline.disconnect();
    }
  });

  it('refuses bad options and a bad expiry', () => {
    expect(() => new RedisUsedLinks({} as never)).toThrow(TypeError);
    const store = new RedisUsedLinks({
      connection: toRedisConnection(io as unknown as RedisClientLike),
    });
    return expect(store.markUsed('x', Number.NaN)).rejects.toThrow(RangeError);
  });
});
