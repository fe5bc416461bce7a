import { afterEach, describe, expect, it } from 'vitest';
import { MakiniClient } from '../client/MakiniClient.js';
import type { WebhookEvent } from '../models/WebhookEvent.js';
import { MemoryHealthBus } from '../state/MemoryHealthBus.js';
import { ConnectionHealthMonitor } from './ConnectionHealthMonitor.js';
import { MAX_HEALTH_TEXT_LENGTH } from './healthLimits.js';

// No call reaches this address: these monitors learn from webhook events only (the polls are
// tested against the sandbox in tests/integration).
const client = () => new MakiniClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' });

const event = (type: string, data: Record<string, unknown>, createdAt: number) =>
  ({
    id: `evt_${Math.random()}`,
    type,
    created_at: new Date(createdAt).toISOString(),
    connection_id: 'conn_1',
    data,
  }) as WebhookEvent;

const monitors: ConnectionHealthMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.splice(0).map((monitor) => monitor.dispose()));
});

async function monitorOn(bus?: MemoryHealthBus, now?: () => number) {
  const monitor = new ConnectionHealthMonitor({ ...(bus ? { bus } : {}), ...(now ? { now } : {}) });
  monitors.push(monitor);
  await monitor.ready;
  monitor.track('conn_1', client());
  return monitor;
}

describe('ConnectionHealthMonitor: health.sync from webhook events', () => {
  it('follows a sync from connection.status_changed (progress) to sync.completed', async () => {
    const monitor = await monitorOn();
    await monitor.applyEvent(
      event(
        'connection.status_changed',
        { previous_status: 'active', status: 'syncing', sync_status: 'inprogress' },
        1_000,
      ),
    );
    expect(monitor.get('conn_1')).toMatchObject({
      state: 'syncing',
      sync: { status: 'inprogress', updatedAt: 1_000 },
    });
    await monitor.applyEvent(
      event(
        'sync.completed',
        { sync_status: 'fulldone', completed_at: new Date(2_000).toISOString(), records: 5 },
        2_500,
      ),
    );
    expect(monitor.get('conn_1')).toMatchObject({
      state: 'healthy',
      sync: { status: 'fulldone', updatedAt: 2_000 },
    });
  });

  it('reads sync.failed: error degrades with the reason, fail needs reauthorization', async () => {
    const monitor = await monitorOn();
    await monitor.applyEvent(
      event(
        'sync.failed',
        { sync_status: 'error', error: { code: 'UPSTREAM_ERROR', message: 'SAP timed out.' } },
        3_000,
      ),
    );
    expect(monitor.get('conn_1')).toMatchObject({
      state: 'degraded',
      reason: 'SAP timed out.',
      sync: { status: 'error', updatedAt: 3_000, reason: 'SAP timed out.' },
    });
    await monitor.applyEvent(
      event(
        'sync.failed',
        {
          sync_status: 'fail',
          error: { code: 'REAUTHORIZATION_REQUIRED', message: 'SAP rejected the password.' },
        },
        4_000,
      ),
    );
    expect(monitor.get('conn_1')).toMatchObject({
      state: 'reauthorization_required',
      sync: { status: 'fail', updatedAt: 4_000, reason: 'SAP rejected the password.' },
    });
  });

  it('keeps the later sync when an older report arrives after a newer one', async () => {
    const monitor = await monitorOn();
    await monitor.applyEvent(event('sync.completed', { sync_status: 'done' }, 9_000));
    await monitor.applyEvent(
      event('connection.status_changed', { status: 'syncing', sync_status: 'inprogress' }, 8_000),
    );
    expect(monitor.get('conn_1')?.sync).toEqual({ status: 'done', updatedAt: 9_000 });
  });

  it('leaves sync alone for a status change that names no sync_status', async () => {
    const monitor = await monitorOn();
    await monitor.applyEvent(event('sync.completed', { sync_status: 'done' }, 9_000));
    await monitor.applyEvent(event('connection.status_changed', { status: 'active' }, 10_000));
    expect(monitor.get('conn_1')?.sync).toEqual({ status: 'done', updatedAt: 9_000 });
  });

  it('shares sync changes with the other replicas, even when the state stays the same', async () => {
    const bus = new MemoryHealthBus();
    const a = await monitorOn(bus);
    const b = await monitorOn(bus);
    await a.applyEvent(event('sync.completed', { sync_status: 'fulldone' }, 1_000));
    expect(b.get('conn_1')?.sync).toEqual({ status: 'fulldone', updatedAt: 1_000 });
    // Healthy before and after: only the sync moved on.
    await a.applyEvent(event('sync.completed', { sync_status: 'done' }, 5_000));
    expect(b.get('conn_1')).toMatchObject({
      state: 'healthy',
      sync: { status: 'done', updatedAt: 5_000 },
    });
    // Plain JSON, as it travels to browsers and through Redis.
    expect(JSON.parse(JSON.stringify(b.get('conn_1')?.sync))).toEqual(b.get('conn_1')?.sync);
  });

  it('takes a sync time in the future as now, so later reports still count', async () => {
    let now = 100_000;
    const monitor = await monitorOn(undefined, () => now);
    await monitor.applyEvent(
      event(
        'sync.completed',
        { sync_status: 'done', completed_at: new Date(now + 3_600_000).toISOString() },
        now,
      ),
    );
    expect(monitor.get('conn_1')?.sync).toEqual({ status: 'done', updatedAt: 100_000 });
    now += 1_000;
    await monitor.applyEvent(
      event(
        'connection.status_changed',
        { status: 'syncing', sync_status: 'inprogress' },
        now + 600_000,
      ),
    );
    expect(monitor.get('conn_1')?.sync).toEqual({ status: 'inprogress', updatedAt: 101_000 });
  });

  it('needs reauthorization on a sync.failed with fail even when an earlier-dated sync reads done', async () => {
    const monitor = await monitorOn();
    await monitor.applyEvent(event('sync.completed', { sync_status: 'done' }, 9_000));
    await monitor.applyEvent(
      event(
        'sync.failed',
        { sync_status: 'fail', error: { code: 'AUTH', message: 'Bad password.' } },
        8_000,
      ),
    );
    expect(monitor.get('conn_1')).toMatchObject({
      state: 'reauthorization_required',
      reason: 'Bad password.',
    });
  });

  it('cuts a long error message to the length other replicas read, in reason, history and sync', async () => {
    const monitor = await monitorOn();
    const message = 'x'.repeat(MAX_HEALTH_TEXT_LENGTH + 100);
    await monitor.applyEvent(
      event('sync.failed', { sync_status: 'fail', error: { code: 'AUTH', message } }, 1_000),
    );
    const health = monitor.get('conn_1');
    expect(health?.state).toBe('reauthorization_required');
    for (const text of [health?.reason, health?.sync?.reason, health?.history.at(-1)?.reason]) {
      expect(text?.length).toBe(MAX_HEALTH_TEXT_LENGTH);
      expect(text?.startsWith('x'.repeat(100))).toBe(true);
    }
  });
});
