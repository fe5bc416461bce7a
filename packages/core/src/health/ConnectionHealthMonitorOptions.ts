import type { HealthBus } from '../state/HealthBus.js';
import type { PollLeases } from '../state/PollLeases.js';
import type { ConnectionHealth } from './ConnectionHealth.js';
import type { HealthSharingErrorHandler } from './healthSharingReporter.js';

/** Why an alert fired. */
export type HealthAlertKind =
  | 'reauthorization_required'
  | 'degraded'
  | 'disconnected'
  | 'error_rate';

/** What `onAlert` receives: once per episode, not once per failing call. */
export interface HealthAlert {
  /** Why it fired. */
  kind: HealthAlertKind;
  /** The connection it is about. */
  connectionId: string;
  /** What happened, in words a customer can act on. */
  reason: string;
  /** The connection's health when it fired. */
  health: ConnectionHealth;
}

/** How a `ConnectionHealthMonitor` polls, alerts and shares health between replicas. */
export interface ConnectionHealthMonitorOptions {
  /**
   * Between polls of `integrations.current`, while someone is subscribed; in ms, from 1 to 2^31-1.
   * Also the least time between the checks a first subscriber starts, so that opening and closing
   * the health event stream over and over does not spend the connection's rate limit.
   * @default 30_000
   */
  pollIntervalMs?: number;
  /** Sliding window of the error rate, in ms, from 1 to 2^31-1. @default 300_000 */
  errorRateWindowMs?: number;
  /** Error rate at which a healthy connection turns `degraded` and an alert fires. @default 0.25 */
  errorRateThreshold?: number;
  /** Calls needed in the window before the error rate counts. @default 4 */
  minSamples?: number;
  /**
   * Called once per episode: on entering `reauthorization_required`, `degraded` or `disconnected`,
   * or crossing the error-rate threshold. With a `bus`, once across every replica: the replica
   * that observed the change and won `claimAlert` calls it.
   */
  onAlert?: (alert: HealthAlert) => void;
  /**
   * Shares health between replicas (`RedisHealthBus` from `@makini-kit/redis`): every change this
   * monitor observes is published, changes other replicas publish reach this monitor's subscribers
   * (and so its `createHealthHandler` streams), and a monitor that starts loads what was published.
   * @default none: health stays in this process
   * @example
   * new ConnectionHealthMonitor({ bus: new RedisHealthBus({ connection }), leases: new RedisPollLeases({ connection }) });
   */
  bus?: HealthBus;
  /**
   * Splits polling between replicas (`RedisPollLeases` from `@makini-kit/redis`): at each poll this
   * replica claims leases and polls only the connections it was granted, so each connection is
   * polled once per interval across all replicas. A replica polls, and holds leases, only while it
   * has subscribers.
   * @default none: this monitor polls every connection it tracks
   */
  leases?: PollLeases;
  /** This replica's name in the poll leases; unique per process. @default a random UUID */
  replicaId?: string;
  /**
   * How long a poll lease lasts without renewal, in ms from 1 to 2^31-1: a replica that dies has its
   * connections polled by the others within `leaseMs` plus one poll interval. Longer than
   * `pollIntervalMs`, which renews it.
   * @default 2 × pollIntervalMs
   */
  leaseMs?: number;
  /**
   * Told when the bus or the leases fail (Redis down: a `StateStoreError`). Such a failure never
   * changes a connection's health: the monitor goes on with what this replica sees, polls the
   * leases it still holds, and publishes again at the next change.
   * @default console.warn, one line per operation a minute
   */
  onError?: HealthSharingErrorHandler;
  /** The clock, in epoch ms; a test passes a fake one. @default Date.now */
  now?: () => number;
}
