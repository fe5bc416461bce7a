import { ConnectionHealthMonitor, MakiniClient } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { createConnections } from '../tokens/sandboxConnections.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1 });
});
afterAll(async () => {
  await sandbox.close();
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A replica as an application commonly opens its Redis: an ioredis client made with
 * `lazyConnect: true`, connected by hand. Its `duplicate()` (the subscriber) inherits
 * `lazyConnect` and does not connect by itself.
 */
async function replica(name: string, prefix: string, connectionKey: string, token: string) {
  const client = new Redis(REDIS_URL, { lazyConnect: true });
  await client.connect();
  const connection = toRedisConnection(client as unknown as RedisClientLike);
  const errors: unknown[] = [];
  const monitor = new ConnectionHealthMonitor({
    pollIntervalMs: 250,
    bus: new RedisHealthBus({ connection, prefix }),
    leases: new RedisPollLeases({ connection, prefix }),
    replicaId: name,
    onError: (error) => errors.push(error),
  });
  cleanups.push(async () => {
    monitor.dispose();
    await connection.close();
    client.disconnect();
  });
  monitor.track(connectionKey, new MakiniClient({ baseUrl: sandbox.url, token, maxRetries: 0 }));
  await monitor.ready;
  return { monitor, errors };
}

describe('replicas whose ioredis clients were made with lazyConnect', () => {
  it('all turn red when the credentials rotate, whichever replica hears of it', async () => {
    const [connection] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = connection?.connectionKey ?? '';
    const token = connection?.tokens.accessToken ?? '';
    const prefix = testPrefix('lazy-replicas');
    const made: Array<Awaited<ReturnType<typeof replica>>> = [];
    for (const name of ['replica-1', 'replica-2', 'replica-3']) {
      made.push(await replica(name, prefix, id, token));
    }
    // Each replica checks at start (as the demo does), then watches: one of them polls.
    await Promise.all(made.map(({ monitor }) => monitor.check(id)));
    for (const { monitor } of made) cleanups.push(monitor.subscribe(() => {}));
    for (const { monitor } of made) expect(monitor.get(id)?.state).toBe('healthy');

    sandbox.admin.rotateCredentials(id);
    await made[0]?.monitor.applyEvent({
      id: 'evt_rotate',
      type: 'connection.reauthorization_required',
      created_at: new Date().toISOString(),
      connection_id: id,
      data: { reason: 'Password changed' },
    } as never);
    await expect
      .poll(() => made.map(({ monitor }) => monitor.get(id)?.state))
      .toEqual([
        'reauthorization_required',
        'reauthorization_required',
        'reauthorization_required',
      ]);
    expect(made.flatMap(({ errors }) => errors)).toEqual([]);
  });
});
