import type { ConnectionHealth } from '../health/ConnectionHealth.js';

/** Receives health published by any replica; `null` when the connection stopped being tracked. */
export type HealthBusListener = (connectionId: string, health: ConnectionHealth | null) => void;

/**
 * Shares connection health between replicas, so a change any replica observes (a webhook, a failed
 * call, a poll) reaches the health streams of all of them, and one replica sends each alert.
 * Implementations: `MemoryHealthBus` (one process), `RedisHealthBus` (`@makini-kit/redis`).
 */
export interface HealthBus {
  /** Shares one connection's new health with every replica. */
  publish(connectionId: string, health: ConnectionHealth | null): Promise<void>;
  /** Health published by any replica, as it arrives; resolves to the function that stops. */
  subscribe(listener: HealthBusListener): Promise<() => Promise<void>>;
  /** The last published health of every connection, for a replica that starts. */
  load(): Promise<Record<string, ConnectionHealth>>;
  /** True for exactly one caller per connection, kind and episode within `ttlMs`: it sends the alert. */
  claimAlert(connectionId: string, kind: string, episode: string, ttlMs: number): Promise<boolean>;
}
