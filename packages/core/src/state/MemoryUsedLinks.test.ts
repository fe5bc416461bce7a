import { describe, expect, it } from 'vitest';
import { MemoryUsedLinks } from './MemoryUsedLinks.js';

describe('MemoryUsedLinks', () => {
  it('marks a link once: the first call wins, later ones are told it was used', async () => {
    const store = new MemoryUsedLinks();
    const expiresAt = Date.now() + 60_000;
    expect(await store.isUsed('l1')).toBe(false);
    const marks = await Promise.all([1, 2, 3].map(() => store.markUsed('l1', expiresAt)));
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await store.isUsed('l1')).toBe(true);
    expect(await store.markUsed('l2', expiresAt)).toBe(true);
  });

  it('forgets a link after it expired and drops expired entries', async () => {
    let now = 1_000_000;
    const store = new MemoryUsedLinks({ now: () => now });
    await store.markUsed('old', now + 10);
    await store.markUsed('long', now + 3_600_000);
    now += 10;
    expect(await store.isUsed('old')).toBe(false);
    expect(await store.isUsed('long')).toBe(true);
    now += 60_000;
    await store.markUsed('new', now + 10);
    expect(store.size).toBe(2);
  });
});
