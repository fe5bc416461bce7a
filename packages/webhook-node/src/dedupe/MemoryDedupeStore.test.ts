import { describe, expect, it } from 'vitest';
import { MemoryDedupeStore } from '../index.js';

const DAY = 86_400_000;

async function process(store: MemoryDedupeStore, id: string) {
  const claim = await store.claim(id, 60_000);
  if (claim.status !== 'claimed') throw new Error(`expected a claim on ${id}, got ${claim.status}`);
  await store.complete(id, claim.token, 3 * DAY);
}

describe('MemoryDedupeStore bounds', () => {
  it('holds at most maxEntries ids, forgetting the oldest processed ones first', async () => {
    const store = new MemoryDedupeStore({ maxEntries: 1000 });
    for (let index = 0; index < 5000; index++) await process(store, `evt_${index}`);
    // The newest thousand are remembered, the rest forgotten in the order they were processed.
    for (let index = 4000; index < 5000; index++)
      expect(await store.claim(`evt_${index}`, 60_000)).toEqual({ status: 'done' });
    expect(await store.claim('evt_3999', 60_000)).toMatchObject({ status: 'claimed' });
    // That claim took the place of the oldest remembered id, and only of that one.
    expect(await store.claim('evt_4001', 60_000)).toEqual({ status: 'done' });
    expect(await store.claim('evt_4000', 60_000)).toMatchObject({ status: 'claimed' });
  });

  it('makes room from expired ids before forgetting live ones', async () => {
    let now = 0;
    const store = new MemoryDedupeStore({ maxEntries: 3, now: () => now });
    const short = await store.claim('short', 10);
    if (short.status !== 'claimed') throw new Error('expected a claim');
    await store.complete('short', short.token, 100);
    await process(store, 'b');
    await process(store, 'c');
    now = 200;
    await process(store, 'd');
    expect(await store.claim('b', 60_000)).toEqual({ status: 'done' });
    expect(await store.claim('c', 60_000)).toEqual({ status: 'done' });
  });

  it('refuses a new claim rather than drop a live one when every entry is being processed', async () => {
    const store = new MemoryDedupeStore({ maxEntries: 2 });
    await store.claim('a', 60_000);
    await store.claim('b', 60_000);
    await expect(store.claim('c', 60_000)).rejects.toThrow(/full.*maxEntries/);
    expect(await store.claim('a', 60_000)).toEqual({ status: 'in_progress' });
  });

  it('says what is wrong with a maxEntries that is not a positive integer', () => {
    expect(() => new MemoryDedupeStore({ maxEntries: 0 })).toThrow(
      new RangeError('MemoryDedupeStore: maxEntries must be a positive integer, got 0.'),
    );
    expect(() => new MemoryDedupeStore({ maxEntries: Number.NaN })).toThrow(RangeError);
  });
});
