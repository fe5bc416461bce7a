import type { ConnectionHealth, HealthSnapshot, HealthSource } from '@makini-kit/core';

/**
 * A health source the tests set by hand: the `HealthSource` interface, filled with fixed
 * snapshots (the monitor and the remote source that really fill it are tested against the sandbox).
 */
export function fixedSource(connections: Record<string, Partial<ConnectionHealth>> = {}) {
  let snapshot: HealthSnapshot = { connections: {}, updatedAt: 1 };
  const listeners = new Set<() => void>();
  const set = (next: Record<string, Partial<ConnectionHealth>>) => {
    const entries = Object.entries(next).map(([connectionId, health]) => [
      connectionId,
      {
        connectionId,
        state: 'unknown',
        since: 0,
        errorRate: 0,
        samples: 0,
        history: [],
        ...health,
      } as ConnectionHealth,
    ]);
    snapshot = { connections: Object.fromEntries(entries), updatedAt: snapshot.updatedAt + 1 };
    for (const listener of listeners) listener();
  };
  set(connections);
  const source: HealthSource & { set: typeof set; listeners: Set<() => void> } = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    set,
    listeners,
  };
  return source;
}
