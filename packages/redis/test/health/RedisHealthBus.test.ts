import type { ConnectionHealth } from '@makini-kit/core';
import { describe, expect, it } from 'vitest';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { testPrefix } from '../redisUrl.js';
import { rawRedis, replicaClients } from './redisClients.js';

const raw = rawRedis();

const health = (
  connectionId: string,
  state: ConnectionHealth['state'],
  extra: Partial<ConnectionHealth> = {},
): ConnectionHealth => ({
  connectionId,
  state,
  since: 1_700_000_000_000,
  errorRate: 0,
  samples: 0,
  history: [{ from: 'unknown', to: state, at: 1_700_000_000_000, reason: 'test' }],
  ...extra,
});

describe.each(replicaClients())('RedisHealthBus with $name', ({ open }) => {
  async function replicas(count: number, prefix = testPrefix('health-bus')) {
    const errors: Error[] = [];
    const buses = await Promise.all(
      Array.from({ length: count }, async () => {
        const bus = new RedisHealthBus({
          connection: await open(),
          prefix,
          onError: (error) => errors.push(error),
        });
        const received: Array<[string, ConnectionHealth | null]> = [];
        const stop = await bus.subscribe((id, value) => received.push([id, value]));
        return { bus, received, stop };
      }),
    );
    return { buses, errors, prefix };
  }

  it('hands a publication to the other replicas, not back to its own, and keeps it for load', async () => {
    const { buses } = await replicas(3);
    const [a, b, c] = buses;
    const published = health('conn_1', 'reauthorization_required', { reason: 'Password changed' });
    await a?.bus.publish('conn_1', published);
    await expect.poll(() => b?.received).toEqual([['conn_1', published]]);
    await expect.poll(() => c?.received).toEqual([['conn_1', published]]);
    expect(a?.received).toEqual([]);
    expect(await c?.bus.load()).toEqual({ conn_1: published });

    await b?.bus.publish('conn_1', null);
    await expect.poll(() => a?.received).toEqual([['conn_1', null]]);
    expect(await a?.bus.load()).toEqual({});
  });

  it('stores each health with an expiry and an index entry, and forgets expired ones on load', async () => {
    const prefix = testPrefix('health-ttl');
    const bus = new RedisHealthBus({ connection: await open(), prefix });
    await bus.publish('conn_1', health('conn_1', 'healthy'));
    const dayMs = 86_400_000;
    expect(await raw.pttl(`${prefix}health:{conn_1}`)).toBeGreaterThan(dayMs - 60_000);
    expect(await raw.smembers(`${prefix}health:index`)).toEqual(['conn_1']);

    const short = new RedisHealthBus({ connection: await open(), prefix, ttlMs: 50 });
    await short.publish('conn_2', health('conn_2', 'healthy'));
    await expect.poll(() => raw.exists(`${prefix}health:{conn_2}`)).toBe(0);
    expect(Object.keys(await bus.load())).toEqual(['conn_1']);
    expect(await raw.smembers(`${prefix}health:index`)).toEqual(['conn_1']);
  });

  it('grants each alert to exactly one of many replicas claiming it at once', async () => {
    const { buses } = await replicas(3);
    const claims = await Promise.all(
      buses.flatMap(({ bus }) =>
        Array.from({ length: 5 }, () => bus.claimAlert('conn_1', 'degraded', 'healthy@1', 60_000)),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await buses[0]?.bus.claimAlert('conn_1', 'degraded', 'healthy@2', 60_000)).toBe(true);
    expect(await buses[1]?.bus.claimAlert('conn_1', 'error_rate', 'healthy@1', 60_000)).toBe(true);
  });

  it('ignores and reports whatever on its channel is not a health update, and goes on', async () => {
    const { buses, errors, prefix } = await replicas(2);
    const [a, b] = buses;
    const junk = [
      'not json',
      '[]',
      JSON.stringify({ v: 2, o: 'x', id: 'conn_1', h: null }),
      JSON.stringify({
        v: 1,
        o: 'x',
        id: 'conn_1',
        h: { ...health('conn_1', 'healthy'), state: 'on fire' },
      }),
      JSON.stringify({ v: 1, o: 'x', id: 'conn_1', h: health('conn_2', 'healthy') }),
      JSON.stringify({
        v: 1,
        o: 'x',
        id: 'conn_1',
        h: { ...health('conn_1', 'healthy'), errorRate: 7 },
      }),
    ];
    for (const message of junk) await raw.publish(`${prefix}health`, message);
    const valid = health('conn_1', 'degraded', { reason: 'Sync failed.' });
    await a?.bus.publish('conn_1', valid);
    await expect.poll(() => b?.received).toEqual([['conn_1', valid]]);
    // Both replicas saw every bad message; none reached a subscriber.
    await expect.poll(() => errors.length).toBe(junk.length * 2);
    expect(errors.every((error) => error instanceof TypeError)).toBe(true);
    expect(errors[0]?.message).toMatch(/not a health update: it is not JSON/);
    expect(errors.map((error) => error.message).join('\n')).toMatch(/state is not one of/);
  });

  it('loads only the stored health it can read, with unknown fields left out', async () => {
    const { buses, errors, prefix } = await replicas(1);
    await raw.set(`${prefix}health:{conn_bad}`, '{"connectionId":"conn_bad"');
    await raw.set(
      `${prefix}health:{conn_ok}`,
      JSON.stringify({ ...health('conn_ok', 'healthy'), script: '<script>' }),
    );
    await raw.sadd(`${prefix}health:index`, 'conn_bad', 'conn_ok');
    const loaded = await buses[0]?.bus.load();
    expect(loaded).toEqual({ conn_ok: health('conn_ok', 'healthy') });
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/ignored the stored health of conn_bad .*: it is not JSON/),
    ]);
  });

  it('stops handing messages to a subscriber that unsubscribed', async () => {
    const { buses } = await replicas(2);
    const [a, b] = buses;
    await b?.stop();
    const later: string[] = [];
    await b?.bus.subscribe((id) => later.push(id));
    await a?.bus.publish('conn_1', health('conn_1', 'healthy'));
    await expect.poll(() => later).toEqual(['conn_1']);
    expect(b?.received).toEqual([]);
  });

  it('refuses options and arguments it cannot work with', async () => {
    const connection = await open();
    expect(() => new RedisHealthBus({} as never)).toThrow(/needs connection: toRedisConnection/);
    expect(() => new RedisHealthBus({ connection, prefix: 1 as never })).toThrow(TypeError);
    expect(() => new RedisHealthBus({ connection, ttlMs: 0 })).toThrow(RangeError);
    const bus = new RedisHealthBus({ connection, prefix: testPrefix('health-args') });
    await expect(bus.publish('', null)).rejects.toThrow(/connectionId must be a non-empty string/);
    await expect(bus.claimAlert('conn_1', 'degraded', 'e', Number.NaN)).rejects.toThrow(RangeError);
  });
});
