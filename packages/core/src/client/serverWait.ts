import { MAX_TIMEOUT_MS } from './timers.js';

/**
 * The longest one server answer keeps a connection shut on the client's side (the rate-limit gate,
 * the limiter's bucket) before one call goes to the server again: an hour. A real long window then
 * costs one refused request an hour; a wrong header (a clock-skewed date, an epoch misread, a
 * hostile proxy) costs at most an hour of refusals instead of every call until the process restarts.
 */
export const MAX_SERVER_CLOSURE_MS = 3_600_000;

/**
 * A wait read from a header, as whole milliseconds a timer can hold: from 0 to 2^31-1 (about 24.8
 * days). A longer one, `Infinity` included, is read as that; `NaN` as no wait at all (`undefined`).
 */
export function boundedWait(ms: number): number | undefined {
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(0, Math.ceil(ms)), MAX_TIMEOUT_MS);
}
