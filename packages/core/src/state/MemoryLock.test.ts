import { describe, expect, it } from 'vitest';
import { MemoryLock } from './MemoryLock.js';

describe('MemoryLock', () => {
  it('has one owner at a time and fences that grow per key', async () => {
    const lock = new MemoryLock();
    const tries = await Promise.all(Array.from({ length: 10 }, () => lock.tryAcquire('a', 1000)));
    const [lease, ...others] = tries.filter((entry) => entry !== undefined);
    expect(others).toEqual([]);
    expect(lease?.fence).toBe(1);
    expect((await lock.tryAcquire('b', 1000))?.fence).toBe(1);
    if (lease) await lock.release(lease);
    expect((await lock.tryAcquire('a', 1000))?.fence).toBe(2);
  });

  it('expires by its clock; a lapsed holder can neither extend nor release', async () => {
    let now = 1_000_000;
    const lock = new MemoryLock({ now: () => now });
    const lapsed = await lock.tryAcquire('a', 1000);
    if (!lapsed) throw new Error('no lease');
    expect(await lock.extend(lapsed, 1000)).toBe(true);
    expect(lapsed.expiresAt).toBe(now + 1000);
    now += 999;
    expect(await lock.tryAcquire('a', 1000)).toBeUndefined();
    now += 2;
    const next = await lock.tryAcquire('a', 1000);
    expect(next?.fence).toBe(2);
    expect(await lock.extend(lapsed, 1000)).toBe(false);
    await lock.release(lapsed);
    expect(await lock.tryAcquire('a', 1000)).toBeUndefined();
    expect(await lock.extend({ ...lapsed, token: 'other', fence: 2 }, 1000)).toBe(false);
  });

  it('refuses a ttlMs that is no duration', async () => {
    await expect(new MemoryLock().tryAcquire('a', 0)).rejects.toThrow(RangeError);
  });
});
