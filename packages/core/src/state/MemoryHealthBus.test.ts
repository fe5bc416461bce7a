import { describe, expect, it } from 'vitest';
import type { ConnectionHealth } from '../health/ConnectionHealth.js';
import { MemoryHealthBus } from './MemoryHealthBus.js';

const health = (state: ConnectionHealth['state'], since = 1): ConnectionHealth => ({
  connectionId: 'conn_1',
  state,
  since,
  errorRate: 0,
  samples: 0,
  history: [],
});

describe('MemoryHealthBus', () => {
  it('hands each publication to every subscriber as a copy, and keeps the last for load', async () => {
    const bus = new MemoryHealthBus();
    const a: Array<[string, ConnectionHealth | null]> = [];
    const b: Array<[string, ConnectionHealth | null]> = [];
    await bus.subscribe((id, value) => a.push([id, value]));
    const stopB = await bus.subscribe((id, value) => b.push([id, value]));
    const published = health('reauthorization_required');
    await bus.publish('conn_1', published);
    expect(a).toEqual([['conn_1', published]]);
    expect(b).toEqual([['conn_1', published]]);
    expect(a[0]?.[1]).not.toBe(published);
    expect(await bus.load()).toEqual({ conn_1: published });

    await stopB();
    await bus.publish('conn_1', null);
    expect(a).toHaveLength(2);
    expect(b).toHaveLength(1);
    expect(await bus.load()).toEqual({});
  });

  it('lets one caller claim an alert per connection, kind and episode until the claim expires', async () => {
    let clock = 0;
    const bus = new MemoryHealthBus({ now: () => clock });
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => bus.claimAlert('conn_1', 'degraded', 'e1', 1000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await bus.claimAlert('conn_1', 'degraded', 'e2', 1000)).toBe(true);
    expect(await bus.claimAlert('conn_1', 'error_rate', 'e1', 1000)).toBe(true);
    clock = 1000;
    expect(await bus.claimAlert('conn_1', 'degraded', 'e1', 1000)).toBe(true);
  });

  it('keeps delivering to the others when one subscriber throws', async () => {
    const bus = new MemoryHealthBus();
    const seen: string[] = [];
    await bus.subscribe(() => {
      throw new Error('subscriber bug');
    });
    await bus.subscribe((id) => seen.push(id));
    await bus.publish('conn_1', health('healthy'));
    expect(seen).toEqual(['conn_1']);
  });
});
