import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from './backoff.js';

describe('backoffDelay (full jitter)', () => {
  it('spans [0, min(max, initial × 2^(attempt-1))]', () => {
    expect(backoffDelay(1, {}, () => 0)).toBe(0);
    expect(backoffDelay(1, {}, () => 0.999_999)).toBe(499);
    expect(backoffDelay(2, {}, () => 0.999_999)).toBe(999);
    expect(backoffDelay(4, {}, () => 0.999_999)).toBe(3999);
    expect(backoffDelay(10, {}, () => 0.999_999)).toBe(7999);
    expect(backoffDelay(3, { initialDelayMs: 100, maxDelayMs: 250 }, () => 0.999_999)).toBe(249);
  });

  it('spreads waits across the whole range', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const waits = Array.from({ length: 2000 }, () => backoffDelay(3, {}, random));
    expect(Math.min(...waits)).toBeLessThan(100);
    expect(Math.max(...waits)).toBeGreaterThan(1900);
    expect(Math.max(...waits)).toBeLessThan(2000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  it.each([
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    [{ 'retry-after': new Date(now + 7000).toUTCString() }, 7000],
    [{ 'retry-after': new Date(now - 7000).toUTCString() }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    // Absurd waits read as the longest a timer holds, never Infinity or an Invalid Date.
    [{ 'retry-after': '99999999999999999999' }, 2 ** 31 - 1],
    [{ 'retry-after': 'Fri, 31 Dec 275759 00:00:00 GMT' }, 2 ** 31 - 1],
    [{ 'retry-after-ms': '9'.repeat(400) }, 2 ** 31 - 1],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(parseRetryAfter(new Headers(headers), now)).toBe(expected);
  });
});

describe('retryDelay', () => {
  it('honours a Retry-After up to maxRetryAfterMs', () => {
    expect(retryDelay(1, 4000, {}, () => 0)).toBe(4000);
    expect(retryDelay(1, 60_000, {}, () => 0)).toBe(60_000);
    expect(retryDelay(1, 5000, { maxRetryAfterMs: 5000 }, () => 0)).toBe(5000);
  });
  it('does not wait at all for a Retry-After beyond maxRetryAfterMs (the call fails fast)', () => {
    expect(retryDelay(1, 120_000, {}, () => 0)).toBeUndefined();
    expect(retryDelay(1, 5001, { maxRetryAfterMs: 5000 }, () => 0)).toBeUndefined();
    expect(retryDelay(1, 2 ** 40, {}, () => 0)).toBeUndefined();
  });
  it('falls back to backoff', () => {
    expect(retryDelay(2, undefined, {}, () => 0.5)).toBe(500);
  });
});
