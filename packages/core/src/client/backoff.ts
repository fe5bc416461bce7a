import { boundedWait } from './serverWait.js';

/* How long to wait between attempts. Pure functions, so they are tested with fixed random values. */

/** The client's backoff between attempts (`MakiniClientOptions.backoff`). */
export interface BackoffOptions {
  /** First retry waits up to this long, in ms from 0 to 2^31-1. @default 500 */
  initialDelayMs?: number;
  /** No computed wait is longer, in ms from 0 to 2^31-1. @default 8000 */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, initial × 2^(attempt-1))],
 * which spreads retrying clients apart better than fixed or equal jitter.
 *
 * @param attempt the attempt that failed, from 1
 * @example
 * backoffDelay(3); // a wait from 0 to 2000 ms
 * backoffDelay(1, { initialDelayMs: 1000 }, () => 0.5); // 500
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 8000;
  const ceiling = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Reads how long the server asked to wait: `retry-after-ms`, or `Retry-After` in seconds or as an
 * HTTP date. Always a whole number of milliseconds from 0 to 2^31-1 (a longer wait, however absurd,
 * reads as 2^31-1), or `undefined` when absent or unreadable.
 *
 * @example parseRetryAfter(new Headers({ 'retry-after': '3' })); // 3000
 * @example parseRetryAfter(new Headers({ 'retry-after': '99999999999999999999' })); // 2147483647
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms')?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return boundedWait(Number(milliseconds));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return boundedWait(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : boundedWait(date - now);
}

/**
 * The wait before the next attempt: the server's `Retry-After` when given, else backoff. A
 * `Retry-After` beyond `maxRetryAfterMs` gives `undefined`: retrying sooner than the server asked
 * would only meet another refusal, so the call fails at once instead of waiting.
 *
 * @example retryDelay(1, 4000); // 4000
 * @example retryDelay(1, 3_600_000); // undefined: an hour is beyond the 60 s default
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions & {
    /** The longest server-given wait that is waited. @default 60_000 */
    maxRetryAfterMs?: number;
  } = {},
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs === undefined) return backoffDelay(attempt, options, random);
  return retryAfterMs <= (options.maxRetryAfterMs ?? 60_000) ? retryAfterMs : undefined;
}
