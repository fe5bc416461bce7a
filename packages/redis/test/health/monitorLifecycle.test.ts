import { ConnectionHealthMonitor, MakiniClient } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { createConnections } from '../tokens/sandboxConnections.js';

let sandbox: Sandbox;
const redis = new Redis(REDIS_URL);
const connection = toRedisConnection(redis as unknown as RedisClientLike);
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1 });
});
afterAll(async () => {
  await connection.close();
  redis.disconnect();
  await sandbox.close();
});

const healthChecks = () =>
  sandbox.admin.requests().filter((request) => request.path === '/api/integrations/current').length;

/** Says when Redis has answered a replica's leave. */
let left = false;
class ObservedLeases extends RedisPollLeases {
  override async leave(replicaId: string): Promise<void> {
    await super.leave(replicaId);
    left = true;
  }
}

describe("a monitor's life on several replicas", () => {
  it('gives up its poll leases before dispose() resolves, so the Redis connection may close next', async () => {
    const [created] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = created?.connectionKey ?? '';
    const prefix = testPrefix('lifecycle');
    // The replica's own Redis client, closed right after dispose() as a shutdown would.
    const own = new Redis(REDIS_URL);
    const ownConnection = toRedisConnection(own as unknown as RedisClientLike);
    const monitor = new ConnectionHealthMonitor({
      pollIntervalMs: 200,
      bus: new RedisHealthBus({ connection: ownConnection, prefix }),
      leases: new ObservedLeases({ connection: ownConnection, prefix }),
      replicaId: 'replica-1',
    });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      token: created?.tokens.accessToken ?? '',
      maxRetries: 0,
    });
    monitor.track(id, client);
    await monitor.ready;
    monitor.subscribe(() => {});
    const lease = `${prefix}poll:lease:{${id}}`;
    await expect.poll(() => redis.exists(lease)).toBe(1);
    await monitor.dispose();
    expect(left).toBe(true);
    await ownConnection.close();
    own.disconnect();
    expect(await redis.exists(lease)).toBe(0);
  });

  it('tracking a connection again with the client it has does not check it again', async () => {
    const [created] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = created?.connectionKey ?? '';
    const monitor = new ConnectionHealthMonitor({ pollIntervalMs: 60_000 });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      token: created?.tokens.accessToken ?? '',
      maxRetries: 0,
    });
    const stop = monitor.subscribe(() => {});
    monitor.track(id, client);
    await expect.poll(() => monitor.get(id)?.state).toBe('healthy');
    const before = healthChecks();
    for (let index = 0; index < 5; index++) monitor.track(id, client);
    await monitor.check(id);
    expect(healthChecks() - before).toBe(1);
    stop();
    await monitor.dispose();
  });
});
