import {
  ConnectionHealthMonitor,
  type HealthSharingErrorContext,
  MakiniClient,
} from '@makini-kit/core';
import Redis from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { testPrefix } from '../redisUrl.js';
import { startOwnRedisServer } from '../replicas/ownRedisServer.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// No call reaches this address: the monitors here learn from events and the bus only.
const idleClient = () => new MakiniClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' });

function replica(url: string, prefix: string) {
  const client = new Redis(url, { maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  const connection = toRedisConnection(client as unknown as RedisClientLike, {
    commandTimeoutMs: 300,
    onSubscriberError: () => undefined,
  });
  const failures: HealthSharingErrorContext[] = [];
  const monitor = new ConnectionHealthMonitor({
    bus: new RedisHealthBus({ connection, prefix }),
    onError: (_error, context) => failures.push(context),
  });
  cleanups.push(async () => {
    monitor.dispose();
    await connection.close();
    client.disconnect();
  });
  return { monitor, failures };
}

describe('a replica whose Redis was away when it started', () => {
  it('follows the bus once Redis is back, though nobody subscribed to it (no polls to retry at)', async () => {
    const redis = await startOwnRedisServer({ persistence: false });
    cleanups.push(() => redis.close());
    const prefix = testPrefix('bus-away');
    await redis.kill();
    const late = replica(redis.url, prefix);
    late.monitor.track('conn_1', idleClient());
    await late.monitor.ready;
    expect(late.failures.map((failure) => failure.operation)).toContain('subscribe');

    await redis.start();
    const other = replica(redis.url, prefix);
    other.monitor.track('conn_1', idleClient());
    await other.monitor.ready;
    // Published until the late replica has heard it: it may follow the bus only after the first.
    await expect
      .poll(async () => {
        await other.monitor.applyEvent({
          id: `evt_${Math.random()}`,
          type: 'sync.failed',
          created_at: new Date().toISOString(),
          connection_id: 'conn_1',
          data: { error: { message: `Sync failed at ${Date.now()}.` } },
        } as never);
        return late.monitor.get('conn_1')?.state;
      })
      .toBe('degraded');
  });
});
