/**
 * Refuses a lease or record lifetime that is not a number of milliseconds from 1 to
 * `Number.MAX_SAFE_INTEGER`. Every comparison with NaN is false, so a NaN lifetime would make the
 * memory store forget an id as soon as it is written, and Redis refuses a non-integer `PX`
 * ("value is not an integer"): either way the event would be processed again, silently.
 *
 * @throws {RangeError} naming the call, the argument and the value
 */
export function checkTtl(where: string, name: string, ms: unknown): void {
  if (typeof ms === 'number' && ms >= 1 && ms <= Number.MAX_SAFE_INTEGER) return;
  const got = typeof ms === 'string' ? JSON.stringify(ms) : String(ms);
  throw new RangeError(
    `${where}: ${name} must be a number of milliseconds from 1 to ${Number.MAX_SAFE_INTEGER}, got ${got}. ` +
      'Number() of an unset environment variable is NaN: give the variable a value or a fallback.',
  );
}
