import { describe, expect, it, vi } from 'vitest';
import { createOutcomeLatch } from './outcomeLatch.js';

describe('createOutcomeLatch', () => {
  it('settles once: the first outcome wins, cleanups run once, later ones are refused', async () => {
    const latch = createOutcomeLatch<string>();
    const cleanup = vi.fn();
    latch.onSettle(cleanup);
    expect(latch.settle('first')).toBe(true);
    expect(latch.settle('second')).toBe(false);
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(latch.settled).toBe(true);
    await expect(latch.promise).resolves.toBe('first');
  });

  it('runs a cleanup added after settling at once', () => {
    const latch = createOutcomeLatch<string>();
    latch.settle('done');
    const late = vi.fn();
    latch.onSettle(late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
