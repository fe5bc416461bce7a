import { checkTtl } from './checkTtl.js';
import type { DedupeStore } from './DedupeStore.js';

/** The longest delay `setTimeout` keeps: Node fires a longer one after 1 ms, with a warning. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Renews a claim every third of its lease while the handler runs, so a handler slower than one
 * lease keeps its event. Renewing stops for good once the store says the token no longer owns the
 * claim (the lease lapsed during a pause, or another delivery took it): from then on the event may
 * run twice, which `report` is told. A failed renewal (store unreachable) is reported and retried
 * at the next tick. Returns the function that stops renewing.
 *
 * @throws {RangeError} for a `processingTtlMs` that is not a number of milliseconds ≥ 1, which
 * would otherwise renew every millisecond
 */
export function keepClaim(
  store: DedupeStore,
  claim: { id: string; token: string; processingTtlMs: number },
  report: (error: Error) => void,
): () => void {
  const { id, token, processingTtlMs } = claim;
  checkTtl('keepClaim', 'processingTtlMs', processingTtlMs);
  // A lease longer than the longest timer is renewed at that timer, well before it lapses.
  const every = Math.min(MAX_TIMER_MS, Math.max(1, Math.floor(processingTtlMs / 3)));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    timer = setTimeout(renew, every);
    // The handler's own work keeps the process alive; a renewal timer alone should not.
    (timer as { unref?: () => void }).unref?.();
  };
  const renew = async () => {
    let kept: boolean;
    try {
      kept = await store.renew(id, token, processingTtlMs);
    } catch (error) {
      if (stopped) return;
      report(error instanceof Error ? error : new Error(String(error)));
      schedule();
      return;
    }
    if (stopped) return;
    if (kept) {
      schedule();
      return;
    }
    stopped = true;
    report(
      new Error(
        `Webhook ${id}: its dedupe claim lapsed before the handler finished (processingTtlMs ${processingTtlMs}), ` +
          'so another delivery may process it too. Raise processingTtlMs above the longest pause ' +
          'the process can take.',
      ),
    );
  };

  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
