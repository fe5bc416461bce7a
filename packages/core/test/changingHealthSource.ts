import type {
  ConnectionHealth,
  HealthSnapshot,
  HealthSource,
} from '../src/health/ConnectionHealth.js';

/**
 * A health source the test changes by hand, that counts who listens (each event-stream client is
 * one). Every connection carries a long reason, so each event is about 450 bytes per connection.
 */
export function changingHealthSource(connections: number) {
  const listeners = new Set<() => void>();
  const health = (id: number): ConnectionHealth => ({
    connectionId: `conn_${id}`,
    state: 'degraded',
    reason: `The last sync of this connection ended with an error. ${'x'.repeat(400)}`,
    since: 0,
    errorRate: 0.5,
    samples: 20,
    history: [],
  });
  let snapshot: HealthSnapshot = {
    connections: Object.fromEntries(
      Array.from({ length: connections }, (_, id) => [`conn_${id}`, health(id)]),
    ),
    updatedAt: 0,
  };
  return {
    listeners,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    /** Bumps `updatedAt` by one and tells every listener. */
    change() {
      snapshot = { ...snapshot, updatedAt: snapshot.updatedAt + 1 };
      for (const listener of [...listeners]) listener();
    },
  } satisfies HealthSource & Record<string, unknown>;
}

/**
 * Changes `source` until one of its two event-stream clients is dropped, waiting for `reading` to
 * receive each change, and returns how many changes that took. It stops after enough changes to
 * fill 64 MiB, far more than a stalled client's socket buffers and any bound hold together.
 */
export async function changeUntilOneIsDropped(
  source: ReturnType<typeof changingHealthSource>,
  reading: { receive(updatedAt: number): Promise<void> },
  eventBytes: number,
) {
  const changes = Math.ceil((64 * 1024 * 1024) / eventBytes);
  let change = 0;
  while (change < changes && source.listeners.size === 2) {
    source.change();
    change++;
    await reading.receive(change);
  }
  return { change, changes };
}
