import type { ConnectionHealth, HealthSource } from '@makini-kit/core';

/** Healthy or syncing: a connection whose credentials work. */
export function isWorking(health: ConnectionHealth | undefined): health is ConnectionHealth {
  return health?.state === 'healthy' || health?.state === 'syncing';
}

/**
 * Waits for the health source to show the connection working, then calls `onConfirmed`; with
 * `timeoutMs`, calls `onTimeout` after it otherwise. `baseline` is the entry seen when the flow began: when it
 * was already working (a forced reconnect), only an entry published since then confirms, so a stale
 * "healthy" does not. Returns a function that stops waiting.
 */
export function confirmHealth(options: {
  source: HealthSource;
  connectionId: string;
  baseline: ConnectionHealth | undefined;
  timeoutMs?: number;
  onConfirmed: (health: ConnectionHealth) => void;
  onTimeout?: () => void;
}): () => void {
  const { source, connectionId, baseline } = options;
  let done = false;
  const check = () => {
    if (done) return;
    const health = source.getSnapshot().connections[connectionId];
    if (!isWorking(health)) return;
    if (isWorking(baseline) && health === baseline) return;
    stop();
    options.onConfirmed(health);
  };
  const unsubscribe = source.subscribe(check);
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          if (done) return;
          stop();
          options.onTimeout?.();
        }, options.timeoutMs);
  function stop() {
    if (done) return;
    done = true;
    clearTimeout(timer);
    unsubscribe();
  }
  check();
  return stop;
}
