import type { ConnectionHealth, HealthSnapshot, HealthSource } from '@makini-kit/core';
import { useCallback, useSyncExternalStore } from 'react';
import { useMakiniContext } from './MakiniProvider.js';

const EMPTY: HealthSnapshot = { connections: {}, updatedAt: 0 };
const noSource = { subscribe: () => () => {}, getSnapshot: () => EMPTY };
/** One stable "unknown" object per id, so an absent connection does not re-render on every read. */
const unknownHealth = new Map<string, ConnectionHealth>();

function unknownFor(connectionId: string): ConnectionHealth {
  let health = unknownHealth.get(connectionId);
  if (!health) {
    health = { connectionId, state: 'unknown', since: 0, errorRate: 0, samples: 0, history: [] };
    unknownHealth.set(connectionId, health);
  }
  return health;
}

/**
 * A connection's health, live. Reads the source given, or the provider's. Server rendering uses
 * the source's server snapshot (`getServerSnapshot`) when it has one.
 *
 * @example const { state, reason } = useConnectionHealth(connectionId);
 */
export function useConnectionHealth(connectionId: string, source?: HealthSource): ConnectionHealth {
  const context = useMakiniContext();
  const health: HealthSource & { getServerSnapshot?: () => HealthSnapshot } =
    source ?? context.health ?? noSource;
  const select = useCallback(
    (snapshot: HealthSnapshot) => snapshot.connections[connectionId] ?? unknownFor(connectionId),
    [connectionId],
  );
  // Called through the source, never detached: a class such as ConnectionHealthMonitor keeps its
  // methods on the prototype and needs `this`. Stable per source, so React subscribes once.
  const subscribe = useCallback((listener: () => void) => health.subscribe(listener), [health]);
  return useSyncExternalStore(
    subscribe,
    () => select(health.getSnapshot()),
    () => select(health.getServerSnapshot ? health.getServerSnapshot() : health.getSnapshot()),
  );
}
