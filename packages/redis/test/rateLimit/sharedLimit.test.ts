/**
 * Replicas of a back end (each a MakiniClient with its own Redis client) against the sandbox's
 * per-connection limit, sharing one budget through RedisRateLimitStore.
 */
import { createServer } from 'node:net';
import {
  clientCredentials,
  MakiniClient,
  RateLimitError,
  type RateLimitStore,
  StateStoreError,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisRateLimitStore } from '../../src/RedisRateLimitStore.js';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { startRedisProxy } from './redisProxy.js';

const ROUTE = '/api/integrations/current';
let sandbox: Sandbox;
let connectionKey: string;
let token: string;
const closers: Array<() => unknown> = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5 });
  connectionKey = sandbox.admin.connections()[0]?.connectionKey ?? '';
  const system = new MakiniClient({
    baseUrl: sandbox.url,
    token: (
      await clientCredentials({
        baseUrl: sandbox.url,
        clientId: DEFAULT_CLIENT.id,
        clientSecret: DEFAULT_CLIENT.secret,
      })
    ).access_token,
  });
  token = (await system.connections.createToken(connectionKey)).token;
});
afterEach(async () => {
  sandbox.admin.setRateLimit(0);
  sandbox.admin.clearFaults();
  for (const close of closers.splice(0)) await close();
});
afterAll(() => sandbox.close());

/** A Redis client as one replica would hold it, closed after the test. */
async function redisClient(kind: 'ioredis' | 'node-redis', url = REDIS_URL) {
  if (kind === 'ioredis') {
    const client = new Redis(url, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    closers.push(() => client.disconnect());
    return client as unknown as RedisClientLike;
  }
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  closers.push(() => client.destroy());
  return client as unknown as RedisClientLike;
}

/** One replica's client for the connection. */
function replica(policy: { limit: number; windowMs: number }, store?: RateLimitStore) {
  const client = new MakiniClient({
    baseUrl: sandbox.url,
    token,
    connectionKey,
    maxRetries: 0,
    rateLimit: { ...policy, store },
  });
  closers.push(() => client.close());
  return client;
}

/** What the sandbox answered this connection on the route, in order. */
const served = () =>
  sandbox.admin
    .requests()
    .filter((entry) => entry.path === ROUTE && entry.connectionKey === connectionKey);

describe('one budget per connection across replicas', () => {
  const policy = { limit: 8, windowMs: 1500 };

  it('three replicas sharing one Redis store stay within the limit and draw no 429', async () => {
    sandbox.admin.setRateLimit(policy.limit, policy.windowMs);
    const prefix = testPrefix('shared');
    const replicas = await Promise.all(
      (['ioredis', 'node-redis', 'ioredis'] as const).map(async (kind) =>
        replica(
          policy,
          new RedisRateLimitStore({
            connection: toRedisConnection(await redisClient(kind)),
            prefix,
          }),
        ),
      ),
    );
    const before = served().length;
    const results = await Promise.allSettled(
      replicas.flatMap((client) => Array.from({ length: 8 }, () => client.integrations.current())),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const statuses = served()
      .slice(before)
      .map((entry) => entry.status);
    expect(statuses).toHaveLength(24);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
  });

  it('per-replica limiters (the baseline) spend the budget three times over and draw 429s', async () => {
    sandbox.admin.setRateLimit(policy.limit, policy.windowMs);
    const replicas = [replica(policy), replica(policy), replica(policy)];
    const results = await Promise.allSettled(
      replicas.flatMap((client) => Array.from({ length: 8 }, () => client.integrations.current())),
    );
    const refused = results.filter(
      (result) => result.status === 'rejected' && RateLimitError.is(result.reason),
    );
    expect(refused.length).toBeGreaterThan(0);
  });

  it('a 429 seen by one replica pauses the others for its Retry-After', async () => {
    const prefix = testPrefix('pause');
    const storeOf = async (kind: 'ioredis' | 'node-redis') =>
      new RedisRateLimitStore({ connection: toRedisConnection(await redisClient(kind)), prefix });
    const wide = { limit: 100, windowMs: 60_000 };
    const a = replica(wide, await storeOf('ioredis'));
    const b = replica(wide, await storeOf('node-redis'));
    await a.integrations.current();
    sandbox.admin.addFault({ route: ROUTE, kind: 'rate_limit', retryAfterSeconds: 2, times: 1 });
    expect(RateLimitError.is(await a.integrations.current().catch((error) => error))).toBe(true);
    await expect(b.integrations.current()).resolves.toMatchObject({ id: expect.any(String) });
    // The fault answers before authentication, so its entry names no connection.
    const [limited, next] = sandbox.admin
      .requests()
      .filter((entry) => entry.path === ROUTE)
      .slice(-2);
    expect(limited?.status).toBe(429);
    expect(next?.status).toBe(200);
    // B's call left only when A's Retry-After had passed.
    const gap = Date.parse(next?.at ?? '') - Date.parse(limited?.at ?? '');
    expect(gap).toBeGreaterThanOrEqual(1900);
  });
});

describe('a Redis that is down', () => {
  it('fails the call with StateStoreError, sends nothing, and is not retried', async () => {
    // A port that was free a moment ago: nothing listens there.
    const nothing = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const store = new RedisRateLimitStore({
      connection: toRedisConnection(await redisClient('ioredis', `redis://127.0.0.1:${nothing}`), {
        commandTimeoutMs: 300,
      }),
      prefix: testPrefix('down'),
    });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      token,
      connectionKey,
      maxRetries: 2,
      rateLimit: { limit: 10, windowMs: 1000, store },
    });
    closers.push(() => client.close());
    const before = served().length;
    const error = await client.integrations.current().catch((caught: unknown) => caught);
    expect(StateStoreError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STATE_STORE_UNAVAILABLE', operation: 'rateLimit.take' });
    expect(served()).toHaveLength(before);
    expect(client.requestLog.list()).toHaveLength(1);
  });

  it.each(['ioredis', 'node-redis'] as const)(
    'with %s: calls fail with StateStoreError while Redis is away and work again when it returns',
    async (kind) => {
      const proxy = await startRedisProxy(REDIS_URL);
      closers.push(() => proxy.down());
      const store = new RedisRateLimitStore({
        connection: toRedisConnection(await redisClient(kind, proxy.url), {
          commandTimeoutMs: 300,
        }),
        prefix: testPrefix('restart'),
      });
      const client = replica({ limit: 10, windowMs: 1000 }, store);
      await expect(client.integrations.current()).resolves.toMatchObject({
        id: expect.any(String),
      });
      await proxy.down();
      const error = await client.integrations.current().catch((caught: unknown) => caught);
      expect(StateStoreError.is(error)).toBe(true);
      await proxy.up();
      await expect
        .poll(() =>
          client.integrations.current().then(
            () => 'ok',
            () => 'failed',
          ),
        )
        .toBe('ok');
    },
  );
});
