import { describe, expect, it } from 'vitest';
import { RedisLock } from '../../src/RedisLock.js';
import { testPrefix } from '../redisUrl.js';
import { redisClients } from './redisClients.js';

describe.each(redisClients())('RedisLock with $name', ({ connection }) => {
  it('has one owner at a time, under the connection hash tag, and fences that grow', async () => {
    const prefix = testPrefix('lock');
    const lock = new RedisLock({ connection: connection(), prefix });
    const tries = await Promise.all(
      Array.from({ length: 20 }, () => lock.tryAcquire('conn:1:refresh', 30_000)),
    );
    const leases = tries.filter((lease) => lease !== undefined);
    expect(leases).toHaveLength(1);
    const [lease] = leases;
    if (!lease) throw new Error('no lease');
    const key = `${prefix}lock:{conn:1}:refresh`;
    expect(await connection().command('test', ['GET', key])).toBe(lease.token);
    const ttl = Number(await connection().command('test', ['PTTL', key]));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await connection().command('test', ['GET', `${prefix}fence:{conn:1}:refresh`])).toBe(
      String(lease.fence),
    );

    await lock.release(lease);
    const next = await lock.tryAcquire('conn:1:refresh', 30_000);
    expect(next?.fence).toBe(lease.fence + 1);
    // Another lock of the same connection is another key, with fences of its own.
    expect((await lock.tryAcquire('conn:1:other', 30_000))?.fence).toBe(1);
  });

  it('extends and releases for the owner only', async () => {
    const lock = new RedisLock({ connection: connection(), prefix: testPrefix('lock') });
    const lease = await lock.tryAcquire('conn_1:refresh', 1000);
    if (!lease) throw new Error('no lease');
    const impostor = { ...lease, token: 'someone-else' };
    expect(await lock.extend(impostor, 60_000)).toBe(false);
    await lock.release(impostor);
    expect(await lock.tryAcquire('conn_1:refresh', 1000)).toBeUndefined();

    expect(await lock.extend(lease, 60_000)).toBe(true);
    expect(lease.expiresAt).toBeGreaterThan(Date.now() + 30_000);
    await lock.release(lease);
    expect(await lock.tryAcquire('conn_1:refresh', 1000)).toBeDefined();
  });

  it('frees a lease that ran out; its holder can no longer extend or release it', async () => {
    const lock = new RedisLock({ connection: connection(), prefix: testPrefix('lock') });
    const lapsed = await lock.tryAcquire('conn_1:refresh', 50);
    if (!lapsed) throw new Error('no lease');
    let next: Awaited<ReturnType<RedisLock['tryAcquire']>>;
    await expect
      .poll(async () => {
        next ??= await lock.tryAcquire('conn_1:refresh', 30_000);
        return next?.fence;
      })
      .toBe(lapsed.fence + 1);
    expect(await lock.extend(lapsed, 30_000)).toBe(false);
    await lock.release(lapsed);
    expect(await lock.tryAcquire('conn_1:refresh', 30_000)).toBeUndefined();
  });

  it('refuses a ttlMs that is no duration, naming it', async () => {
    const lock = new RedisLock({ connection: connection(), prefix: testPrefix('lock') });
    for (const ttl of [0, -1, Number.NaN, 2 ** 31]) {
      await expect(lock.tryAcquire('conn_1:refresh', ttl)).rejects.toThrow(
        /tryAcquire: ttlMs must be a number of milliseconds from 1/,
      );
    }
    expect(() => new RedisLock({} as never)).toThrow(/RedisLock needs connection/);
  });
});
