import type { MakiniClient } from '../client/MakiniClient.js';
import { checkDuration } from '../client/timers.js';
import {
  AuthenticationError,
  type MakiniError,
  NotFoundError,
  ReauthorizationRequiredError,
} from '../errors/MakiniError.js';
import type { ConnectionHealthState } from '../models/ConnectionHealthState.js';
import type { WebhookEvent } from '../models/WebhookEvent.js';
import type { ConnectionHealth, HealthSnapshot, HealthSource } from './ConnectionHealth.js';

/** Why an alert fired. */
export type HealthAlertKind =
  | 'reauthorization_required'
  | 'degraded'
  | 'disconnected'
  | 'error_rate';

export interface HealthAlert {
  kind: HealthAlertKind;
  connectionId: string;
  reason: string;
  health: ConnectionHealth;
}

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
  /** Called once per episode: on entering `reauthorization_required`, `degraded` or `disconnected`, or crossing the error-rate threshold. */
  onAlert?: (alert: HealthAlert) => void;
  now?: () => number;
}

interface Tracked {
  client: MakiniClient;
  unsubscribe: () => void;
  calls: Array<{ at: number; ok: boolean }>;
  /** Alert kinds already raised in the current episode. */
  alerted: Set<HealthAlertKind>;
  /** The check of this client in flight, which any other check of the connection joins. */
  checking?: Promise<void> | undefined;
  /** When the monitor last started a poll of its own (on a first subscriber, or on the timer). */
  polledAt?: number | undefined;
}

const HISTORY = 20;

/**
 * Watches connections' health: polls `integrations.current` only while someone is subscribed,
 * learns at once from the tracked clients' own calls (a `REAUTHORIZATION_REQUIRED` flips the
 * connection immediately) and from webhook events (`applyEvent`), tracks an error rate over a
 * sliding window, and raises each alert once per episode. A `subscribe`/`getSnapshot` store, for
 * `useSyncExternalStore` and for serving browsers (see `createHealthHandler`).
 *
 * @example
 * const monitor = new ConnectionHealthMonitor({ onAlert: (alert) => emailCustomer(alert) });
 * monitor.track(connection.key, client);
 * app.post('/webhooks/makini', toExpressMiddleware(createWebhookHandler({ secret, on: { 'connection.reauthorization_required': (event) => monitor.applyEvent(event) } })));
 */
export class ConnectionHealthMonitor implements HealthSource {
  private snapshot: HealthSnapshot;
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly options: ConnectionHealthMonitorOptions;

  /** @throws {RangeError} when `pollIntervalMs` or `errorRateWindowMs` is not from 1 to 2^31-1 ms. */
  constructor(options: ConnectionHealthMonitorOptions = {}) {
    checkDuration('pollIntervalMs', options.pollIntervalMs ?? 30_000);
    checkDuration('errorRateWindowMs', options.errorRateWindowMs ?? 300_000);
    this.options = options;
    this.snapshot = { connections: {}, updatedAt: this.now() };
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Starts watching a connection through its client; returns the function that stops. Tracking a
   * connection again (with the client of its new token, after a reconnect) keeps its history.
   */
  track(connectionId: string, client: MakiniClient): () => void {
    const previous = this.tracked.get(connectionId);
    previous?.unsubscribe();
    const entry: Tracked = {
      client,
      calls: [],
      alerted: previous?.alerted ?? new Set(),
      unsubscribe: client.subscribe({
        onResponse: (event) => {
          if (event.path.startsWith('/api/')) this.recordCall(connectionId, true);
        },
        onError: (_event, error) => this.learnFromError(connectionId, error),
      }),
    };
    this.tracked.set(connectionId, entry);
    if (!this.snapshot.connections[connectionId]) {
      this.update(connectionId, (health) => health);
    }
    if (this.timer) void this.check(connectionId);
    return () => this.untrack(connectionId);
  }

  untrack(connectionId: string): void {
    const entry = this.tracked.get(connectionId);
    if (!entry) return;
    entry.unsubscribe();
    this.tracked.delete(connectionId);
    const { [connectionId]: _, ...rest } = this.snapshot.connections;
    this.commit({ connections: rest, updatedAt: this.now() });
  }

  /** Bound, like `getSnapshot`, so both can be handed on detached (`useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  getSnapshot = (): HealthSnapshot => this.snapshot;

  /** One connection's health. */
  get(connectionId: string): ConnectionHealth | undefined {
    return this.snapshot.connections[connectionId];
  }

  private start() {
    const interval = this.options.pollIntervalMs ?? 30_000;
    this.timer = setInterval(() => this.poll(0), interval);
    // Subscribers come and go with every visitor of the event stream: a connection polled less
    // than an interval ago is not asked again.
    this.poll(interval);
  }

  private poll(minAgeMs: number) {
    const now = this.now();
    for (const [id, entry] of this.tracked) {
      const age = now - (entry.polledAt ?? Number.NEGATIVE_INFINITY);
      // A clock that went back does not hold polling off until it catches up.
      if (age >= 0 && age < minAgeMs) continue;
      entry.polledAt = now;
      void this.checkOne(id, entry);
    }
  }

  private stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Polls now: every connection, or one. Resolves when the answers are in. A connection whose
   * check is in flight is not asked again: this joins that check.
   */
  async check(connectionId?: string): Promise<void> {
    const ids = connectionId ? [connectionId] : [...this.tracked.keys()];
    await Promise.all(
      ids.map((id) => {
        const entry = this.tracked.get(id);
        return entry ? this.checkOne(id, entry) : undefined;
      }),
    );
  }

  private checkOne(id: string, entry: Tracked): Promise<void> {
    // Per client: after a reconnect, the new token is checked even while the old one's check runs.
    entry.checking ??= this.ask(id, entry).finally(() => {
      entry.checking = undefined;
    });
    return entry.checking;
  }

  private async ask(id: string, entry: Tracked): Promise<void> {
    try {
      const integration = await entry.client.integrations.current({ maxRetries: 0 });
      const checkedAt = this.now();
      const status = integration.sync_status;
      if (status === 'fail') {
        this.transition(
          id,
          'reauthorization_required',
          'The system credentials stopped working; reconnect to restore access.',
          { checkedAt },
        );
      } else if (status === 'inprogress') {
        this.transition(id, 'syncing', undefined, { checkedAt });
      } else if (status === 'error') {
        this.transition(id, 'degraded', 'The last sync ended with an error.', { checkedAt });
      } else {
        const syncedAt = integration.sync_updated_at
          ? Date.parse(integration.sync_updated_at)
          : Number.NaN;
        this.transition(id, this.healthyOrDegraded(id), undefined, {
          checkedAt,
          lastSuccessAt: Number.isNaN(syncedAt)
            ? checkedAt
            : Math.max(syncedAt, this.get(id)?.lastSuccessAt ?? 0),
        });
      }
    } catch (error) {
      this.update(id, (health) => ({ ...health, checkedAt: this.now() }));
      // learnFromError has run through the client's hooks already.
      void error;
    }
  }

  /**
   * Applies a verified webhook event at once (no need to wait for the next poll). Resolves when any
   * check the event calls for has answered.
   */
  async applyEvent(event: WebhookEvent): Promise<void> {
    const id = event.connection_id;
    if (!this.snapshot.connections[id] && !this.tracked.has(id)) return;
    switch (event.type) {
      case 'connection.reauthorization_required':
        this.transition(id, 'reauthorization_required', event.data.reason);
        break;
      case 'connection.reauthorized':
        this.resetCalls(id);
        // Makini has a working connection again, but this app's old token died with the old
        // credentials: healthy only once a call with the app's current token succeeds.
        if (this.tracked.has(id)) await this.check(id);
        else this.transition(id, 'healthy', undefined, { lastSuccessAt: this.now() });
        break;
      case 'connection.status_changed':
        this.transition(
          id,
          stateFromStatus(event.data.status),
          `Status changed to ${event.data.status}.`,
        );
        break;
      case 'sync.completed':
        this.transition(id, this.healthyOrDegraded(id), undefined, { lastSuccessAt: this.now() });
        break;
      case 'sync.failed':
        this.transition(id, 'degraded', event.data.error.message);
        break;
      default:
        break;
    }
  }

  private learnFromError(connectionId: string, error: MakiniError) {
    if (ReauthorizationRequiredError.is(error) || AuthenticationError.is(error)) {
      this.transition(
        connectionId,
        'reauthorization_required',
        ReauthorizationRequiredError.is(error)
          ? 'The system credentials stopped working; reconnect to restore access.'
          : "Makini no longer accepts this connection's token; reconnect to restore access.",
      );
      return;
    }
    if (NotFoundError.is(error) && error.path?.startsWith('/api/integrations/current')) {
      this.transition(connectionId, 'disconnected', 'The connection no longer exists.');
      return;
    }
    this.recordCall(connectionId, false);
  }

  private resetCalls(connectionId: string) {
    const entry = this.tracked.get(connectionId);
    if (entry) entry.calls = [];
  }

  private recordCall(connectionId: string, ok: boolean) {
    const entry = this.tracked.get(connectionId);
    if (!entry) return;
    const now = this.now();
    const windowStart = now - (this.options.errorRateWindowMs ?? 300_000);
    entry.calls.push({ at: now, ok });
    while (entry.calls.length > 0 && (entry.calls[0]?.at ?? 0) < windowStart) entry.calls.shift();
    if (entry.calls.length > 10_000) entry.calls.splice(0, entry.calls.length - 10_000);
    const failures = entry.calls.filter((call) => !call.ok).length;
    const samples = entry.calls.length;
    const errorRate = samples === 0 ? 0 : failures / samples;
    const current = this.get(connectionId);
    this.update(connectionId, (health) => ({
      ...health,
      errorRate,
      samples,
      ...(ok ? { lastSuccessAt: now } : {}),
    }));
    const over = this.overThreshold(connectionId);
    if (over)
      this.alert(
        connectionId,
        'error_rate',
        `${Math.round(errorRate * 100)}% of recent calls failed.`,
      );
    if (
      current &&
      (current.state === 'healthy' || current.state === 'degraded' || current.state === 'unknown')
    ) {
      if (over)
        this.transition(
          connectionId,
          'degraded',
          `${Math.round(errorRate * 100)}% of recent calls failed.`,
        );
      else if (
        current.state === 'degraded' &&
        ok &&
        current.reason?.endsWith('of recent calls failed.')
      ) {
        this.transition(connectionId, 'healthy');
      } else if (current.state === 'unknown' && ok) this.transition(connectionId, 'healthy');
    }
  }

  private overThreshold(connectionId: string): boolean {
    const health = this.get(connectionId);
    if (!health) return false;
    return (
      health.samples >= (this.options.minSamples ?? 4) &&
      health.errorRate >= (this.options.errorRateThreshold ?? 0.25)
    );
  }

  private healthyOrDegraded(connectionId: string): ConnectionHealthState {
    return this.overThreshold(connectionId) ? 'degraded' : 'healthy';
  }

  private transition(
    connectionId: string,
    state: ConnectionHealthState,
    reason?: string,
    extra: Partial<Pick<ConnectionHealth, 'checkedAt' | 'lastSuccessAt'>> = {},
  ) {
    const before = this.get(connectionId);
    const now = this.now();
    this.update(connectionId, (health) => {
      const changed = health.state !== state;
      const history = changed
        ? [...health.history, { from: health.state, to: state, at: now, reason }].slice(-HISTORY)
        : health.history;
      return {
        ...health,
        ...extra,
        state,
        reason: state === 'healthy' || state === 'syncing' ? undefined : reason,
        since: changed ? now : health.since,
        history,
      };
    });
    if (before?.state === state) return;
    const entry = this.tracked.get(connectionId);
    if (state === 'healthy') entry?.alerted.clear();
    if (state === 'reauthorization_required' || state === 'degraded' || state === 'disconnected') {
      this.alert(connectionId, state, reason ?? state);
    }
  }

  private alert(connectionId: string, kind: HealthAlertKind, reason: string) {
    const entry = this.tracked.get(connectionId);
    const health = this.get(connectionId);
    if (!entry || !health || entry.alerted.has(kind)) return;
    entry.alerted.add(kind);
    try {
      this.options.onAlert?.({ kind, connectionId, reason, health });
    } catch {
      // An alert hook's failure must not stop monitoring.
    }
  }

  private update(connectionId: string, change: (health: ConnectionHealth) => ConnectionHealth) {
    const current: ConnectionHealth = this.snapshot.connections[connectionId] ?? {
      connectionId,
      state: 'unknown',
      since: this.now(),
      errorRate: 0,
      samples: 0,
      history: [],
    };
    const next = change(current);
    if (next === current && this.snapshot.connections[connectionId]) return;
    this.commit({
      connections: { ...this.snapshot.connections, [connectionId]: next },
      updatedAt: this.now(),
    });
  }

  private commit(snapshot: HealthSnapshot) {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener();
  }

  /** Stops polling and forgets every connection. */
  dispose(): void {
    this.stop();
    for (const id of [...this.tracked.keys()]) this.untrack(id);
    this.listeners.clear();
  }
}

/** Maps Makini's connection status text to a health state. */
export function stateFromStatus(status: string | null | undefined): ConnectionHealthState {
  switch ((status ?? '').toLowerCase()) {
    case 'active':
    case 'connected':
    case 'healthy':
      return 'healthy';
    case 'syncing':
    case 'inprogress':
      return 'syncing';
    case 'reauthorization_required':
    case 'fail':
      return 'reauthorization_required';
    case 'disconnected':
    case 'deleted':
    case 'revoked':
      return 'disconnected';
    case 'error':
    case 'degraded':
      return 'degraded';
    default:
      return 'unknown';
  }
}
