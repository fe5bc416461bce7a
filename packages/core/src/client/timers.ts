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
      Math.min(Math.max(0, ms), MAX_TIMEOUT_MS),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
