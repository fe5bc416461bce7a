/**
 * Settles a flow exactly once: the first `settle` runs every cleanup (listeners, timers, the
 * popup watcher) and resolves the promise; later calls change nothing and say so.
 */
export interface OutcomeLatch<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
  settle(outcome: T): boolean;
  /** Runs at settling; at once when already settled. */
  onSettle(cleanup: () => void): void;
}

export function createOutcomeLatch<T>(): OutcomeLatch<T> {
  let resolve: (outcome: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  const cleanups: (() => void)[] = [];
  let settled = false;
  return {
    promise,
    get settled() {
      return settled;
    },
    settle(outcome) {
      if (settled) return false;
      settled = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      resolve(outcome);
      return true;
    },
    onSettle(cleanup) {
      if (settled) cleanup();
      else cleanups.push(cleanup);
    },
  };
}
