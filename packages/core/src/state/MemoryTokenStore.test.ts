import { describe, expect, it } from 'vitest';
import { MemoryTokenStore } from './MemoryTokenStore.js';

const pair = (name: string) => ({
  accessToken: `at_${name}`,
  refreshToken: `rt_${name}`,
  expiresAt: 1_900_000_000_000,
});

describe('MemoryTokenStore', () => {
  it('compare-and-sets over the version read, and refuses a fence below the highest written', async () => {
    const store = new MemoryTokenStore();
    expect(await store.compareAndSet('c', 1, pair('x'))).toEqual({ ok: false, current: undefined });
    expect(await store.compareAndSet('c', 0, pair('a'), { fence: 3 })).toEqual({
      ok: true,
      version: 1,
    });
    expect(await store.compareAndSet('c', 1, pair('late'), { fence: 2 })).toEqual({
      ok: false,
      current: { tokens: pair('a'), version: 1 },
    });
    expect(await store.compareAndSet('c', 1, pair('b'), { fence: 3 })).toEqual({
      ok: true,
      version: 2,
    });
    expect(await store.compareAndSet('c', 1, pair('stale'))).toMatchObject({ ok: false });
    expect(await store.set('c', pair('linked'))).toBe(3);
    expect(await store.get('c')).toEqual({ tokens: pair('linked'), version: 3 });
    await store.delete('c');
    expect(await store.get('c')).toBeUndefined();
  });

  it('hands out copies: changing one changes nothing stored', async () => {
    const store = new MemoryTokenStore();
    const tokens = pair('a');
    await store.set('c', tokens);
    tokens.accessToken = 'changed';
    const read = await store.get('c');
    if (read) read.tokens.accessToken = 'changed too';
    expect((await store.get('c'))?.tokens.accessToken).toBe('at_a');
  });
});
