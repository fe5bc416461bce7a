import { badNow, badTolerance } from './refusals.js';
import type { WebhookRefusal } from './WebhookRefusal.js';

/**
 * Refuses a replay window that would not close: a `toleranceSeconds` or `now` that is not a finite
 * number (≥ 0 for the tolerance). Every comparison with NaN is false, so `Number(process.env.X)`
 * of an unset variable would otherwise accept a delivery of any age.
 */
export function checkWindow(options: {
  toleranceSeconds?: unknown;
  now?: unknown;
}): WebhookRefusal | undefined {
  const { toleranceSeconds, now } = options;
  if (toleranceSeconds === undefined && now === undefined) return undefined;
  if (
    toleranceSeconds !== undefined &&
    !(typeof toleranceSeconds === 'number' && toleranceSeconds >= 0 && toleranceSeconds < Infinity)
  ) {
    return badTolerance(toleranceSeconds);
  }
  if (now !== undefined && !(typeof now === 'number' && Number.isFinite(now))) return badNow(now);
  return undefined;
}
