import { describe, expect, it } from 'vitest';
import { ConnectionHealthMonitor } from '../health/ConnectionHealthMonitor.js';
import { createHealthHandler } from '../health/createHealthHandler.js';
import { createRemoteHealthSource } from '../health/createRemoteHealthSource.js';
import { TokenManager } from '../oauth/TokenManager.js';
import { ClientRateLimiter } from './ClientRateLimiter.js';
import { MakiniClient } from './MakiniClient.js';

/** Values `setTimeout` cannot hold: NaN and Infinity fire at once, past 2^31-1 fires after 1 ms. */
const UNTIMEABLE = [Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, 3e9, 0, -1];

const source = {
  subscribe: () => () => {},
  getSnapshot: () => ({ connections: {}, updatedAt: 0 }),
};

/** Every option that ends up in a timer, and how to pass it. */
const OPTIONS: Array<[string, (value: number) => unknown]> = [
  ['rateLimit.windowMs', (windowMs) => new ClientRateLimiter({ limit: 1, windowMs })],
  [
    'rateLimit.windowMs',
    (windowMs) => new MakiniClient({ token: 't', rateLimit: { limit: 1, windowMs } }),
  ],
  ['heartbeatMs', (heartbeatMs) => createHealthHandler(source, { heartbeatMs })],
  ['pollIntervalMs', (pollIntervalMs) => new ConnectionHealthMonitor({ pollIntervalMs })],
  ['errorRateWindowMs', (errorRateWindowMs) => new ConnectionHealthMonitor({ errorRateWindowMs })],
  [
    'reconnectDelayMs',
    (reconnectDelayMs) => createRemoteHealthSource({ url: '/api/health', reconnectDelayMs }),
  ],
  [
    'backoff.initialDelayMs',
    (initialDelayMs) => new MakiniClient({ token: 't', backoff: { initialDelayMs } }),
  ],
  ['backoff.maxDelayMs', (maxDelayMs) => new MakiniClient({ token: 't', backoff: { maxDelayMs } })],
  [
    'refreshMarginMs',
    (refreshMarginMs) =>
      new TokenManager({
        tokens: { accessToken: 'at', expiresAt: null },
        refresh: () => Promise.reject(new Error('unused')),
        refreshMarginMs,
      }),
  ],
];

describe('options that set timers', () => {
  it.each(
    OPTIONS.flatMap(([name, make]) => UNTIMEABLE.map((value) => [name, value, make] as const)),
  )('refuses %s = %s with a RangeError naming the option and its range', (name, value, make) => {
    let thrown: unknown;
    try {
      make(value);
    } catch (caught) {
      thrown = caught;
    }
    // 0 is a fine margin and a fine first backoff; every other value here is not.
    if (value === 0 && (name === 'refreshMarginMs' || name.startsWith('backoff.'))) {
      expect(thrown).toBeUndefined();
      return;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as RangeError).message).toContain(name);
    expect((thrown as RangeError).message).toContain('2147483647');
  });

  it.each(OPTIONS)('takes a sound %s', (_name, make) => {
    expect(() => make(1000)).not.toThrow();
  });
});
