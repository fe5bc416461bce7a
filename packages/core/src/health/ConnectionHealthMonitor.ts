import type { MakiniClient } from '../client/MakiniClient.js';
import { checkDuration } from '../client/timers.js';
import {
  AuthenticationError,
  type MakiniError,
  NotFoundError,
  ReauthorizationRequiredError,
} from '../errors/MakiniError.js';
import { StateStoreError } from '../errors/StateStoreError.js';
import type { ConnectionHealthState } from '../models/ConnectionHealthState.js';
import type { WebhookEvent } from '../models/WebhookEvent.js';
import { CallWindow } from './CallWindow.js';
import type { ConnectionHealth, HealthSnapshot, HealthSource } from './ConnectionHealth.js';
import type {
  ConnectionHealthMonitorOptions,
  HealthAlertKind,
} from './ConnectionHealthMonitorOptions.js';
import { checkSharingOptions } from './checkSharingOptions.js';
import { cutHealthText } from './cutHealthText.js';
import { HealthPolling } from './HealthPolling.js';
import { HealthSharing } from './HealthSharing.js';
import { changedAt, sameShared } from './healthFreshness.js';
import { healthSharingReporter } from './healthSharingReporter.js';
import { readPollAnswer } from './readPollAnswer.js';
import { sendAlert } from './sendAlert.js';
import { stateFromStatus } from './stateFromStatus.js';
import { laterSync, syncFromEvent, syncFromIntegration } from './syncInfoOf.js';

export type {
  ConnectionHealthMonitorOptions,
  HealthAlert,
  HealthAlertKind,
} from './ConnectionHealthMonitorOptions.js';
export { stateFromStatus } from './stateFromStatus.js';

interface Tracked {
  client: MakiniClient;
  unsubscribe: () => void;
  calls: CallWindow;
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
 * On several replicas, give every replica's monitor the same `bus` and `leases`: each change any
 * replica observes reaches every replica's subscribers, each connection is polled by one replica
 * per interval, and each alert is sent once.
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
  private readonly options: ConnectionHealthMonitorOptions;
  private readonly sharing: HealthSharing | undefined;
  private readonly polling: HealthPolling;
  /**
   * Resolves once the monitor follows its `bus` and has loaded the health published before it
   * started (at once without a bus). Never rejects: a bus that is away is reported to `onError`,
   * and asked again in the background (and at each poll) until the monitor follows it.
   */
  readonly ready: Promise<void>;

  /**
   * @throws {RangeError} when `pollIntervalMs`, `errorRateWindowMs` or `leaseMs` is not from 1 to
   * 2^31-1 ms, or, with `leases`, `leaseMs` is not longer than `pollIntervalMs`.
   * @throws {TypeError} when `replicaId` is not a non-empty string, or `bus` or `leases` lacks its
   * methods.
   */
  constructor(options: ConnectionHealthMonitorOptions = {}) {
    const interval = checkDuration('pollIntervalMs', options.pollIntervalMs ?? 30_000);
    checkDuration('errorRateWindowMs', options.errorRateWindowMs ?? 300_000);
    const leaseMs = checkDuration(
      'leaseMs',
      options.leaseMs ?? Math.min(2 * interval, 2 ** 31 - 1),
    );
    checkSharingOptions(options, interval, leaseMs);
    this.options = options;
    this.snapshot = { connections: {}, updatedAt: this.now() };
    const report = options.onError ?? healthSharingReporter(() => this.now());
    this.polling = new HealthPolling({
      intervalMs: interval,
      leases: options.leases && {
        leases: options.leases,
        replicaId: options.replicaId ?? crypto.randomUUID(),
        leaseMs,
      },
      report,
      now: () => this.now(),
      trackedIds: () => [...this.tracked.keys()],
      poll: (ids, minAgeMs) => this.poll(ids, minAgeMs),
      // Follows the bus again if it was away when the monitor started.
      onTick: () => void this.sharing?.connect(),
    });
    if (options.bus) {
      this.sharing = new HealthSharing(
        options.bus,
        {
          get: (id) => this.get(id),
          isTracked: (id) => this.tracked.has(id),
          replace: (id, health) => this.replace(id, health),
        },
        report,
      );
    }
    this.ready = this.sharing?.connect() ?? Promise.resolve();
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * Starts watching a connection through its client; returns the function that stops. Tracking a
   * connection again (with the client of its new token, after a reconnect) keeps its history;
   * tracking it with the client it already has changes nothing.
   */
  track(connectionId: string, client: MakiniClient): () => void {
    const previous = this.tracked.get(connectionId);
    // The same client again (a route that calls track on every request) changes nothing: no
    // check, and the error window goes on.
    if (previous?.client === client) return () => this.untrack(connectionId);
    previous?.unsubscribe();
    const entry: Tracked = {
      client,
      calls: new CallWindow(),
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
      // Not published: an entry that knows nothing must not replace what other replicas know.
      this.update(connectionId, (health) => health, false);
    }
    if (this.polling.running) void this.check(connectionId);
    return () => this.untrack(connectionId);
  }

  /**
   * Stops watching a connection and forgets its health. With a `bus`, replicas that do not track
   * it forget it too.
   */
  untrack(connectionId: string): void {
    if (this.forget(connectionId)) this.sharing?.publish(connectionId, null);
  }

  private forget(connectionId: string): boolean {
    const entry = this.tracked.get(connectionId);
    if (!entry) return false;
    entry.unsubscribe();
    this.tracked.delete(connectionId);
    const { [connectionId]: _, ...rest } = this.snapshot.connections;
    this.commit({ connections: rest, updatedAt: this.now() });
    return true;
  }

  /** Another replica's health, from the bus: replaces this replica's entry, not published again. */
  private replace(connectionId: string, health: ConnectionHealth | null) {
    if (health === null) {
      const { [connectionId]: _, ...rest } = this.snapshot.connections;
      this.commit({ connections: rest, updatedAt: this.now() });
      return;
    }
    // The episode ended on another replica: this one may alert in the next.
    if (health.state === 'healthy') this.tracked.get(connectionId)?.alerted.clear();
    this.commit({
      connections: { ...this.snapshot.connections, [connectionId]: health },
      updatedAt: this.now(),
    });
  }

  /** Bound, like `getSnapshot`, so both can be handed on detached (`useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.polling.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.polling.stop();
    };
  };

  /** The current snapshot; bound, like `subscribe`. */
  getSnapshot = (): HealthSnapshot => this.snapshot;

  /** One connection's health. */
  get(connectionId: string): ConnectionHealth | undefined {
    return this.snapshot.connections[connectionId];
  }

  private poll(ids: Iterable<string>, minAgeMs: number) {
    const now = this.now();
    for (const id of ids) {
      const entry = this.tracked.get(id);
      if (!entry) continue;
      const age = now - (entry.polledAt ?? Number.NEGATIVE_INFINITY);
      // A clock that went back does not hold polling off until it catches up.
      if (age >= 0 && age < minAgeMs) continue;
      entry.polledAt = now;
      void this.checkOne(id, entry);
    }
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
      const answer = readPollAnswer(integration);
      const sync = laterSync(this.get(id)?.sync, syncFromIntegration(integration, this.now()));
      if (answer.state !== 'healthy') {
        this.transition(id, answer.state, 'reason' in answer ? answer.reason : undefined, {
          checkedAt,
          sync,
        });
        return;
      }
      this.transition(id, this.healthyOrDegraded(id), undefined, {
        checkedAt,
        sync,
        lastSuccessAt:
          answer.syncedAt === undefined
            ? checkedAt
            : Math.max(answer.syncedAt, this.get(id)?.lastSuccessAt ?? 0),
      });
    } catch (error) {
      // The shared state (Redis) was away: the connection was not asked, so nothing was checked.
      if (StateStoreError.is(error)) return;
      this.update(id, (health) => ({ ...health, checkedAt: this.now() }));
      // learnFromError has run through the client's hooks already.
    }
  }

  /**
   * Applies a verified webhook event at once (no need to wait for the next poll). Resolves when any
   * check the event calls for has answered.
   */
  async applyEvent(event: WebhookEvent): Promise<void> {
    const id = event.connection_id;
    if (!this.snapshot.connections[id] && !this.tracked.has(id)) return;
    const reported = syncFromEvent(event, this.now());
    const sync = laterSync(this.get(id)?.sync, reported);
    switch (event.type) {
      case 'connection.reauthorization_required':
        this.transition(id, 'reauthorization_required', event.data.reason);
        break;
      case 'connection.reauthorized':
        this.tracked.get(id)?.calls.reset();
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
          { sync },
        );
        break;
      case 'sync.completed':
        this.transition(id, this.healthyOrDegraded(id), undefined, {
          lastSuccessAt: this.now(),
          sync,
        });
        break;
      case 'sync.failed':
        // `fail` is Makini's word for credentials the system no longer accepts, as in polls. The
        // event's own status decides: the kept sync may be a report dated later than this one.
        this.transition(
          id,
          reported?.status === 'fail' ? 'reauthorization_required' : 'degraded',
          event.data.error?.message,
          { sync },
        );
        break;
      default:
        break;
    }
  }

  private learnFromError(connectionId: string, error: MakiniError) {
    // A token or rate-limit step that could not reach the shared state, or a stored token this
    // replica's keys do not open (a key rotation under way), says nothing of Makini.
    if (StateStoreError.is(error) || error.code === 'TOKEN_DECRYPTION_FAILED') return;
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

  private recordCall(connectionId: string, ok: boolean) {
    const entry = this.tracked.get(connectionId);
    if (!entry) return;
    const now = this.now();
    const { errorRate, samples } = entry.calls.record(
      now,
      ok,
      this.options.errorRateWindowMs ?? 300_000,
    );
    const current = this.get(connectionId);
    this.update(
      connectionId,
      (health) => ({
        ...health,
        errorRate,
        samples,
        ...(ok ? { lastSuccessAt: now } : {}),
      }),
      false,
    );
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
    extra: Partial<Pick<ConnectionHealth, 'checkedAt' | 'lastSuccessAt' | 'sync'>> = {},
  ) {
    const before = this.get(connectionId);
    const now = this.now();
    // Other replicas refuse a whole entry whose texts are longer: Makini passes on the ERP's.
    reason = cutHealthText(reason);
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
    sendAlert({ kind, connectionId, reason, health }, this.options.onAlert, this.sharing);
  }

  /** `share: false` for what other replicas need not hear of: a new empty entry, call statistics. */
  private update(
    connectionId: string,
    change: (health: ConnectionHealth) => ConnectionHealth,
    share = true,
  ) {
    const existing = this.snapshot.connections[connectionId];
    const current: ConnectionHealth = this.snapshot.connections[connectionId] ?? {
      connectionId,
      state: 'unknown',
      since: this.now(),
      errorRate: 0,
      samples: 0,
      history: [],
    };
    let next = change(current);
    if (next === current && existing) return;
    const publish = share && this.sharing && !(existing && sameShared(existing, next));
    if (publish) {
      // Later than what it was made from, whatever the clocks of the replicas that made that.
      const base = existing ? changedAt(existing) : Number.NEGATIVE_INFINITY;
      next = { ...next, updatedAt: Math.max(this.now(), base + 1) };
    }
    this.commit({
      connections: { ...this.snapshot.connections, [connectionId]: next },
      updatedAt: this.now(),
    });
    if (publish) this.sharing?.publish(connectionId, next);
  }

  private commit(snapshot: HealthSnapshot) {
    this.snapshot = snapshot;
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Stops polling (giving up its poll leases), stops following the bus and forgets every
   * connection. Other replicas keep what this one published. Resolves once the leases are given
   * up and the bus unsubscribed: await it before closing the Redis connection on shutdown.
   */
  dispose(): Promise<void> {
    const stopped = Promise.all([this.polling.stop(), this.sharing?.dispose()]);
    for (const id of [...this.tracked.keys()]) this.forget(id);
    this.listeners.clear();
    return stopped.then(() => undefined);
  }
}
