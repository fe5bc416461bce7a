import {
  ConnectionHealthMonitor,
  type HealthAlert,
  type HealthSharingErrorContext,
  MakiniClient,
  StateStoreError,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import { createConnections } from '../tokens/sandboxConnections.js';

let sandbox: Sandbox;
const closers: Array<() => void> = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1 });
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await sandbox.close();
});

/** A Redis nobody answers on: every command misses its deadline or is refused. */
function unreachableRedis() {
  const client = new Redis({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: 0 });
  // ioredis reports each failed reconnect as an event; the stores see them as StateStoreErrors.
  client.on('error', () => {});
  closers.push(() => client.disconnect());
  return toRedisConnection(client as unknown as RedisClientLike, { commandTimeoutMs: 200 });
}

describe('ConnectionHealthMonitor while Redis is away', () => {
  it('goes on monitoring on its own, alerts, and reports every failed step without turning anything red', async () => {
    const [created] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    if (!created) throw new Error('no connection was created');
    const connection = {
      connectionKey: created.connectionKey,
      accessToken: created.tokens.accessToken,
    };
    const id = connection.connectionKey;
    const redis = unreachableRedis();
    const errors: Array<{ error: unknown; context: HealthSharingErrorContext }> = [];
    const alerts: HealthAlert[] = [];
    const monitor = new ConnectionHealthMonitor({
      pollIntervalMs: 200,
      bus: new RedisHealthBus({ connection: redis }),
      leases: new RedisPollLeases({ connection: redis }),
      onError: (error, context) => errors.push({ error, context }),
      onAlert: (alert) => alerts.push(alert),
    });
    closers.push(() => monitor.dispose());
    await monitor.ready;
    const client = new MakiniClient({ baseUrl: sandbox.url, token: connection.accessToken });
    monitor.track(id, client);
    const stop = monitor.subscribe(() => {});
    closers.push(stop);

    // No lease could be claimed: nothing is polled, and nothing changes for it.
    await expect
      .poll(() => errors.some((entry) => entry.context.operation === 'claimPolls'))
      .toBe(true);
    expect(monitor.get(id)?.state).toBe('unknown');

    // What this replica observes still counts, and its alert still goes out.
    await client.integrations.current();
    expect(monitor.get(id)?.state).toBe('healthy');
    sandbox.admin.rotateCredentials(id);
    await monitor.check(id);
    expect(monitor.get(id)?.state).toBe('reauthorization_required');
    await expect
      .poll(() => alerts.map((alert) => alert.kind))
      .toEqual(['reauthorization_required']);

    const operations = new Set(errors.map((entry) => entry.context.operation));
    expect([...operations].sort()).toEqual(
      expect.arrayContaining(['claimAlert', 'claimPolls', 'publish', 'subscribe']),
    );
    expect(errors.every((entry) => StateStoreError.is(entry.error))).toBe(true);
  });

  it('does not count a call whose token could not be read from Redis as a failed call', async () => {
    const [fresh] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = fresh?.connectionKey ?? '';
    const monitor = new ConnectionHealthMonitor({ minSamples: 2 });
    closers.push(() => monitor.dispose());
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      maxRetries: 0,
      getToken: () => {
        throw new StateStoreError('tokens.get: Redis did not answer within 2000 ms.', {
          operation: 'tokens.get',
        });
      },
    });
    monitor.track(id, client);
    for (let index = 0; index < 5; index++) {
      await expect(client.integrations.current()).rejects.toThrow(StateStoreError);
    }
    await monitor.check(id);
    expect(monitor.get(id)).toMatchObject({ state: 'unknown', samples: 0, errorRate: 0 });
    expect(monitor.get(id)?.checkedAt).toBeUndefined();
  });
});
