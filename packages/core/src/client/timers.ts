/**
 * The longest delay `setTimeout` honours: Node fires a longer one after 1 ms (with a
 * `TimeoutOverflowWarning`), browsers at once. No timer of the kit is ever set beyond it.
 */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Resolves after `ms` (at most {@link MAX_TIMEOUT_MS}); rejects with the signal's reason on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      // NaN would fire at once; a wait that cannot be read is no wait at all.
      Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_TIMEOUT_MS),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Checks a duration an option gives before it reaches a timer: a number of milliseconds from `min`
 * to {@link MAX_TIMEOUT_MS}. `NaN`, `Infinity` and anything longer would make the timer fire at once,
 * over and over.
 *
 * @throws {RangeError} naming the option, the range and the value given.
 */
export function checkDuration(name: string, value: unknown, min = 1): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > MAX_TIMEOUT_MS
  ) {
    throw new RangeError(
      `${name} must be a number of milliseconds from ${min} to ${MAX_TIMEOUT_MS} (2^31-1, the longest timer), got ${String(value)}.`,
    );
  }
  return value;
}
