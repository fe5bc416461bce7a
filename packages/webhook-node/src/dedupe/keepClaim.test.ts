import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DedupeStore } from './DedupeStore.js';
import { keepClaim } from './keepClaim.js';
import { MemoryDedupeStore } from './MemoryDedupeStore.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real memory store that counts the renewals it is asked for. */
function countingStore() {
  const store = new MemoryDedupeStore();
  const counted = { renewals: 0 };
  const counting: DedupeStore = {
    claim: (id, ttlMs) => store.claim(id, ttlMs),
    renew: (id, token, ttlMs) => {
      counted.renewals++;
      return store.renew(id, token, ttlMs);
    },
    complete: (id, token, ttlMs) => store.complete(id, token, ttlMs),
    release: (id, token) => store.release(id, token),
  };
  return { store: counting, counted };
}

const warnings: string[] = [];
const onWarning = (warning: Error) => void warnings.push(warning.name);
beforeEach(() => {
  warnings.length = 0;
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

describe('keepClaim', () => {
  it('renews a lease longer than the largest timer no sooner than that timer, without an overflow warning', async () => {
    const { store, counted } = countingStore();
    const processingTtlMs = 7_000_000_000;
    const claim = await store.claim('evt_long', processingTtlMs);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    const reports: Error[] = [];
    const stop = keepClaim(
      store,
      { id: 'evt_long', token: claim.token, processingTtlMs },
      (error) => reports.push(error),
    );
    await sleep(300);
    stop();
    expect(counted.renewals).toBe(0);
    expect(reports).toEqual([]);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('refuses a lease that is not a number of milliseconds ≥ 1 instead of renewing every millisecond', async () => {
    for (const processingTtlMs of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY]) {
      const { store, counted } = countingStore();
      const claim = await store.claim('evt', 60_000);
      if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
      let stop: (() => void) | undefined;
      expect(() => {
        stop = keepClaim(
          store,
          { id: 'evt', token: claim.token, processingTtlMs },
          () => undefined,
        );
      }).toThrow(
        new RegExp(`processingTtlMs must be a number of milliseconds.*got ${processingTtlMs}`),
      );
      await sleep(50);
      stop?.();
      expect(counted.renewals, String(processingTtlMs)).toBe(0);
    }
  });
});
