import type { ConnectionHealth, HealthSource } from '../health/ConnectionHealth.js';
import type { ExchangeAnswer } from './ReconnectOutcome.js';

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

/**
 * Confirms a reconnect once the back end exchanged the code: at once when the exchange answered a
 * working health, else through the health source (`onWaiting` says it started); with neither,
 * `onUnconfirmable`, since a code alone is not a working connection. Returns a function that stops.
 * @internal
 */
export function confirmExchange(options: {
  answer: ExchangeAnswer | undefined;
  source: HealthSource | undefined;
  connectionId: string;
  baseline: ConnectionHealth | undefined;
  timeoutMs?: number;
  onConfirmed: (confirmedBy: 'health' | 'exchange', health: ConnectionHealth) => void;
  onUnconfirmable: (error: TypeError) => void;
  onWaiting?: () => void;
  onTimeout?: () => void;
}): () => void {
  const { answer, source } = options;
  if (isWorking(answer?.health)) options.onConfirmed('exchange', answer.health);
  else if (!source)
    options.onUnconfirmable(
      new TypeError('Nothing can confirm it: answer { health } from `exchange`, or pass `health`.'),
    );
  else {
    options.onWaiting?.();
    return confirmHealth({
      ...options,
      source,
      onConfirmed: (found) => options.onConfirmed('health', found),
    });
  }
  return () => {};
}
