import { afterEach, describe, expect, it } from 'vitest';
import { MakiniClient } from '../client/MakiniClient.js';
import type { WebhookEvent } from '../models/WebhookEvent.js';
import { MemoryHealthBus } from '../state/MemoryHealthBus.js';
import { MemoryPollLeases } from '../state/MemoryPollLeases.js';
import { ConnectionHealthMonitor } from './ConnectionHealthMonitor.js';

// No call reaches this address: the monitors here learn from events only.
const client = () => new MakiniClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' });

const event = (type: string, data: Record<string, unknown>) =>
  ({
    id: `evt_${Math.random()}`,
    type,
    created_at: new Date(0).toISOString(),
    connection_id: 'conn_1',
    data,
  }) as WebhookEvent;

const monitors: ConnectionHealthMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.dispose();
});

async function replica(bus: MemoryHealthBus, clock: () => number, track = true) {
  const monitor = new ConnectionHealthMonitor({ bus, now: clock });
  monitors.push(monitor);
  await monitor.ready;
  if (track) monitor.track('conn_1', client());
  return monitor;
}

describe('ConnectionHealthMonitor with a MemoryHealthBus', () => {
  it('lets a change made on top of another replica’s entry win everywhere, whatever the clocks say', async () => {
    const bus = new MemoryHealthBus();
    const a = await replica(bus, () => 10_000);
    // b's clock is five seconds behind a's.
    const b = await replica(bus, () => 5_000);
    await a.applyEvent(
      event('connection.reauthorization_required', { reason: 'Password changed' }),
    );
    expect(b.get('conn_1')?.reason).toBe('Password changed');
    await b.applyEvent(event('connection.reauthorization_required', { reason: 'Account locked' }));
    expect(a.get('conn_1')?.reason).toBe('Account locked');
    expect(b.get('conn_1')?.reason).toBe('Account locked');
  });

  it('ignores health older than what a replica learned since', async () => {
    const bus = new MemoryHealthBus();
    let clock = 10_000;
    const a = await replica(bus, () => clock);
    await a.applyEvent(event('sync.failed', { error: { message: 'Step 3 failed.' } }));
    const stale = structuredClone(a.get('conn_1'));
    clock = 20_000;
    await a.applyEvent(event('sync.completed', {}));
    if (!stale) throw new Error('nothing was published');
    await bus.publish('conn_1', stale);
    expect(a.get('conn_1')?.state).toBe('healthy');
  });

  it('forgets an untracked connection on the replicas that do not track it, and leaves the others', async () => {
    const bus = new MemoryHealthBus();
    const a = await replica(bus, () => 1_000);
    const watcher = await replica(bus, () => 1_000, false);
    const tracker = await replica(bus, () => 1_000);
    await a.applyEvent(event('sync.completed', {}));
    expect(watcher.get('conn_1')?.state).toBe('healthy');
    a.untrack('conn_1');
    expect(watcher.get('conn_1')).toBeUndefined();
    expect(tracker.get('conn_1')?.state).toBe('healthy');
    // Shutting a replica down is not forgetting: the others keep what it published.
    tracker.dispose();
    expect(await bus.load()).toEqual({});
    await (await replica(bus, () => 2_000)).applyEvent(event('sync.completed', {}));
    a.dispose();
    expect(Object.keys(await bus.load())).toEqual(['conn_1']);
  });

  it('adds nothing to a health entry when no bus is given', async () => {
    const monitor = new ConnectionHealthMonitor({ now: () => 1_000 });
    monitors.push(monitor);
    monitor.track('conn_1', client());
    await monitor.applyEvent(event('sync.completed', {}));
    expect(monitor.get('conn_1')).not.toHaveProperty('updatedAt');
  });

  it('refuses a bus, leases or replica id it cannot use', () => {
    expect(() => new ConnectionHealthMonitor({ bus: {} as never })).toThrow(
      /bus must have publish, subscribe, load, claimAlert/,
    );
    expect(() => new ConnectionHealthMonitor({ leases: { claim() {} } as never })).toThrow(
      /missing leave/,
    );
    expect(() => new ConnectionHealthMonitor({ replicaId: ' ' })).toThrow(TypeError);
    expect(() => new ConnectionHealthMonitor({ leaseMs: 0 })).toThrow(RangeError);
    expect(
      () =>
        new ConnectionHealthMonitor({
          leases: new MemoryPollLeases(),
          pollIntervalMs: 1000,
          leaseMs: 1000,
        }),
    ).toThrow(/leaseMs \(1000\) must be longer than pollIntervalMs \(1000\)/);
  });
});
