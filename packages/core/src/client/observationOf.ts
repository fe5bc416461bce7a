import { rateLimitResetAt } from '../errors/errorFromResponse.js';
import type { RateLimitObservation } from '../state/RateLimitStore.js';

/**
 * What a response's `x-ratelimit-*` headers say about the server's window, or `undefined` when
 * they say nothing (no remaining count and no reset).
 */
export function observationOf(headers: Headers, now: number): RateLimitObservation | undefined {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const limit = Number(headers.get('x-ratelimit-limit') ?? Number.NaN);
  const resetAt = rateLimitResetAt(headers, now);
  if (Number.isNaN(remaining) && !resetAt) return undefined;
  return {
    remaining: Number.isInteger(remaining) ? remaining : undefined,
    limit: Number.isInteger(limit) && limit > 0 ? limit : undefined,
    resetInMs: resetAt ? resetAt.getTime() - now : undefined,
  };
}
