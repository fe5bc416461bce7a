import { describe, expect, it } from 'vitest';
import { ReconnectLinkError } from '../reconnectLinks/ReconnectLinkError.js';
import { ReconnectLinks } from '../reconnectLinks/ReconnectLinks.js';
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
    // Marks outlive their link by 5 minutes, for clocks that disagree.
    now += 10 + 5 * 60_000;
    expect(await store.isUsed('old')).toBe(false);
    expect(await store.isUsed('long')).toBe(true);
    now += 60_000;
    await store.markUsed('new', now + 10);
    expect(store.size).toBe(2);
  });

  it('keeps a mark whose expiresAt has passed by the time it is written, so the link works once', async () => {
    let now = 1_000_000;
    const store = new MemoryUsedLinks({ now: () => now });
    // The expiry was checked on a clock behind this store's (another process, or time spent between).
    expect(await store.markUsed('late', now - 1)).toBe(true);
    expect(await store.markUsed('late', now - 1)).toBe(false);
    now += 60_000;
    expect(await store.isUsed('late')).toBe(true);
    expect(await store.markUsed('late', now - 60_001)).toBe(false);
  });

  it('redeems a link once through ReconnectLinks whose clock is behind the store', async () => {
    const store = new MemoryUsedLinks();
    const links = new ReconnectLinks({
      secrets: ['reconnect-link-secret-for-the-memory-tests-01'],
      usedLinks: store,
      now: () => Date.now() - 3_000,
    });
    const { token } = await links.create({
      connectionId: 'c',
      url: 'https://app.example/r',
      ttlMs: 1_000,
    });
    await links.redeem(token, { connectionId: 'c' });
    const again = await links.redeem(token, { connectionId: 'c' }).catch((error: unknown) => error);
    expect(ReconnectLinkError.is(again) && again.code).toBe('LINK_USED');
  });
});
