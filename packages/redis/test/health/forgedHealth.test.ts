import {
  type ConnectionHealth,
  ConnectionHealthMonitor,
  type HealthAlert,
  MakiniClient,
} from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { testPrefix } from '../redisUrl.js';
import { rawRedis, replicaClients } from './redisClients.js';

const raw = rawRedis();
const [ioredis] = replicaClients();

const monitors: ConnectionHealthMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.dispose();
});

// No call reaches this address: the monitors here learn from events and the bus only.
const idleClient = () => new MakiniClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' });

async function replicas(prefix: string) {
  const alerts: HealthAlert[] = [];
  const errors: Error[] = [];
  const made: ConnectionHealthMonitor[] = [];
  for (let index = 0; index < 2; index++) {
    const bus = new RedisHealthBus({
      connection: (await ioredis?.open()) ?? (undefined as never),
      prefix,
      onError: (error) => errors.push(error),
    });
    const monitor = new ConnectionHealthMonitor({ bus, onAlert: (alert) => alerts.push(alert) });
    monitors.push(monitor);
    monitor.track('conn_1', idleClient());
    await monitor.ready;
    made.push(monitor);
  }
  return {
    a: made[0] as ConnectionHealthMonitor,
    b: made[1] as ConnectionHealthMonitor,
    alerts,
    errors,
  };
}

const event = (type: string, data: Record<string, unknown>) =>
  ({
    id: `evt_${Math.random()}`,
    type,
    created_at: new Date().toISOString(),
    connection_id: 'conn_1',
    data,
  }) as never;

/** What something other than a monitor might PUBLISH on the channel: valid but for its times. */
const forged = (state: ConnectionHealth['state'], times: Partial<ConnectionHealth>) => {
  const now = Date.now();
  const health: ConnectionHealth = {
    connectionId: 'conn_1',
    state,
    since: now,
    errorRate: 0,
    samples: 0,
    checkedAt: now,
    history: [{ from: 'unknown', to: state, at: now }],
    updatedAt: now,
    ...times,
  };
  return JSON.stringify({ v: 1, o: 'forger', id: 'conn_1', h: health });
};

describe('health published with times no monitor writes', () => {
  it('is ignored and reported: it neither holds a state on every replica nor ends an alert episode', async () => {
    const prefix = testPrefix('forged');
    const { a, b, alerts, errors } = await replicas(prefix);
    await a.applyEvent(
      event('connection.reauthorization_required', { reason: 'Password changed' }),
    );
    await expect.poll(() => b.get('conn_1')?.state).toBe('reauthorization_required');
    expect(alerts.map((alert) => alert.kind)).toEqual(['reauthorization_required']);

    const day = 86_400_000;
    const messages = [
      forged('healthy', { updatedAt: 1e300 }),
      forged('healthy', { updatedAt: Date.now() + day }),
      forged('healthy', { updatedAt: Date.now() + 0.5 }),
      forged('healthy', { since: Date.now() + day }),
      forged('healthy', { checkedAt: 1e300 }),
      forged('healthy', { lastSuccessAt: Date.now() + day }),
      forged('healthy', { history: [{ from: 'unknown', to: 'healthy', at: 1e300 }] }),
    ];
    for (const message of messages) await raw.publish(`${prefix}health`, message);
    // Each replica reports each one, naming the time that is wrong.
    await expect.poll(() => errors.length).toBe(messages.length * 2);
    expect(errors.map((error) => error.message).join('\n')).toMatch(
      /updatedAt is not a time in whole epoch ms, at most 5 minutes past/,
    );
    for (const monitor of [a, b])
      expect(monitor.get('conn_1')?.state).toBe('reauthorization_required');

    // The episode goes on: the same failure seen again raises no second alert.
    await b.applyEvent(event('connection.reauthorization_required', { reason: 'Account locked' }));
    await expect.poll(() => a.get('conn_1')?.reason).toBe('Account locked');
    expect(alerts.map((alert) => alert.kind)).toEqual(['reauthorization_required']);

    // A real change still wins everywhere.
    await a.applyEvent(event('sync.completed', {}));
    await expect.poll(() => b.get('conn_1')?.state).toBe('healthy');
  });

  it('in Redis, is left out when a replica loads, so a new replica does not start red', async () => {
    const prefix = testPrefix('forged-stored');
    const stored = JSON.parse(forged('reauthorization_required', { updatedAt: 1e300 })).h;
    await raw.set(`${prefix}health:{conn_1}`, JSON.stringify(stored));
    await raw.sadd(`${prefix}health:index`, 'conn_1');
    const { a, errors } = await replicas(prefix);
    expect(a.get('conn_1')?.state).toBe('unknown');
    expect(errors[0]?.message).toMatch(/ignored the stored health of conn_1/);
    await raw.del(`${prefix}health:{conn_1}`, `${prefix}health:index`);
  });
});
