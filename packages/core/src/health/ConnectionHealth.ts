import type { ConnectionHealthState } from '../models/ConnectionHealthState.js';
import type { SyncInfo } from './SyncInfo.js';

/** One change of state, kept in a short history. */
export interface HealthTransition {
  /** The state before. */
  from: ConnectionHealthState;
  /** The state after. */
  to: ConnectionHealthState;
  /** Epoch ms. */
  at: number;
  /** Why it changed. */
  reason?: string | undefined;
}

/** Everything known about one connection's health. Plain JSON: safe to send to a browser. */
export interface ConnectionHealth {
  /** The connection's key. */
  connectionId: string;
  /** The normalized state: what a widget shows. */
  state: ConnectionHealthState;
  /** Why the state is what it is, in words a customer can act on. */
  reason?: string | undefined;
  /** Since when the state holds, epoch ms. */
  since: number;
  /** The last successful call or completed sync, epoch ms. */
  lastSuccessAt?: number | undefined;
  /** Share of failed calls in the sliding window, 0..1. */
  errorRate: number;
  /** Calls in the sliding window. */
  samples: number;
  /** The last poll, epoch ms. */
  checkedAt?: number | undefined;
  /** Recent transitions, oldest first. */
  history: HealthTransition[];
  /** The integration's last known `sync_status`, from polls and `sync.*` webhooks. */
  sync?: SyncInfo | undefined;
  /**
   * With a `HealthBus`: when a replica last changed this entry, epoch ms. Every replica keeps the
   * entry changed last; a change is always later than the entry it was made from.
   */
  updatedAt?: number | undefined;
}

/** The health of every tracked connection. */
export interface HealthSnapshot {
  /** Each tracked connection's health, by key. */
  connections: Record<string, ConnectionHealth>;
  /** When anything in it last changed, epoch ms. */
  updatedAt: number;
}

/** What `MakiniProvider` and the React hooks read: a monitor, or a remote source following one. */
export interface HealthSource {
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void;
  /** The current snapshot: the same object until something changes (what `useSyncExternalStore` needs). */
  getSnapshot(): HealthSnapshot;
}

export const EMPTY_SNAPSHOT: HealthSnapshot = Object.freeze({
  connections: {},
  updatedAt: 0,
}) as HealthSnapshot;
