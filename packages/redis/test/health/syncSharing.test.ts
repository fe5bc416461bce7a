import { ConnectionHealthMonitor, type HealthAlert, MakiniClient } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { testPrefix } from '../redisUrl.js';
import { rawRedis, replicaClients } from './redisClients.js';

const raw = rawRedis();
const [ioredis] = replicaClients();

const monitors: ConnectionHealthMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.splice(0).map((monitor) => monitor.dispose()));
});

// No call reaches this address: the monitors here learn from events and the bus only.
const idleClient = () => new MakiniClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' });

async function replica(prefix: string, errors: Error[] = []) {
  const bus = new RedisHealthBus({
    connection: (await ioredis?.open()) ?? (undefined as never),
    prefix,
    onError: (error) => errors.push(error),
  });
  const alerts: HealthAlert[] = [];
  const monitor = new ConnectionHealthMonitor({ bus, onAlert: (alert) => alerts.push(alert) });
  monitors.push(monitor);
  monitor.track('conn_1', idleClient());
  await monitor.ready;
  return monitor;
}

const event = (type: string, data: Record<string, unknown>, createdAt: number) =>
  ({
    id: `evt_${Math.random()}`,
    type,
    created_at: new Date(createdAt).toISOString(),
    connection_id: 'conn_1',
    data,
  }) as never;

describe('health.sync over a RedisHealthBus', () => {
  it('reaches the other replicas, and a replica that starts later, with its time and reason', async () => {
    const prefix = testPrefix('sync');
    const a = await replica(prefix);
    const b = await replica(prefix);
    const at = Date.now() - 1_000;
    await a.applyEvent(
      event(
        'sync.failed',
        { sync_status: 'error', error: { code: 'UPSTREAM_ERROR', message: 'SAP timed out.' } },
        at,
      ),
    );
    const expected = { status: 'error', updatedAt: at, reason: 'SAP timed out.' };
    await expect.poll(() => b.get('conn_1')?.sync).toEqual(expected);
    const late = await replica(prefix);
    expect(late.get('conn_1')?.sync).toEqual(expected);

    // Only the sync moves on (healthy before and after): still news for every replica.
    await a.applyEvent(event('sync.completed', { sync_status: 'done' }, at + 500));
    await a.applyEvent(event('sync.completed', { sync_status: 'fulldone' }, at + 900));
    await expect
      .poll(() => b.get('conn_1')?.sync)
      .toEqual({ status: 'fulldone', updatedAt: at + 900 });
    await raw.del(`${prefix}health:{conn_1}`, `${prefix}health:index`);
  });

  it('is refused with the rest of the entry when it is not a sync report', async () => {
    const prefix = testPrefix('sync-forged');
    const errors: Error[] = [];
    const b = await replica(prefix, errors);
    const now = Date.now();
    const health = (sync: unknown) =>
      JSON.stringify({
        v: 1,
        o: 'forger',
        id: 'conn_1',
        h: {
          connectionId: 'conn_1',
          state: 'healthy',
          since: now,
          errorRate: 0,
          samples: 0,
          history: [],
          updatedAt: now,
          sync,
        },
      });
    const messages = [
      health({ status: 'finished' }),
      health('done'),
      health({ status: 'done', updatedAt: 1e300 }),
      health({ status: 'fail', reason: 'x'.repeat(5_000) }),
    ];
    for (const message of messages) await raw.publish(`${prefix}health`, message);
    await expect.poll(() => errors.length).toBe(messages.length);
    expect(errors.map((error) => error.message).join('\n')).toMatch(/sync/);
    expect(b.get('conn_1')?.sync).toBeUndefined();
  });

  it('reaches the other replicas when Makini reports a sync time in the future or a long error', async () => {
    const prefix = testPrefix('sync-odd');
    const errors: Error[] = [];
    const a = await replica(prefix, errors);
    const b = await replica(prefix, errors);
    // completed_at an hour ahead (Makini's clock, or a time without a zone read as local time)
    await a.applyEvent(
      event(
        'sync.completed',
        { sync_status: 'done', completed_at: new Date(Date.now() + 3_600_000).toISOString() },
        Date.now(),
      ),
    );
    await expect.poll(() => b.get('conn_1')?.sync?.status).toBe('done');
    await a.applyEvent(
      event('connection.reauthorization_required', { reason: 'Password changed' }, Date.now()),
    );
    await expect.poll(() => b.get('conn_1')?.state).toBe('reauthorization_required');
    // The ERP's error text, as long as a stack trace or an HTML error page
    const message = 'x'.repeat(2_100);
    await a.applyEvent(
      event('sync.failed', { sync_status: 'fail', error: { code: 'AUTH', message } }, Date.now()),
    );
    await expect.poll(() => b.get('conn_1')?.sync?.status).toBe('fail');
    expect(a.get('conn_1')?.state).toBe('reauthorization_required');
    expect(b.get('conn_1')?.reason).toBe(a.get('conn_1')?.reason);
    expect(errors).toEqual([]);
    await raw.del(`${prefix}health:{conn_1}`, `${prefix}health:index`);
  });
});
