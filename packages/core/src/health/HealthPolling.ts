import type { PollLeases } from '../state/PollLeases.js';
import type { HealthSharingErrorHandler } from './healthSharingReporter.js';

/** What `HealthPolling` needs from the monitor. */
export interface HealthPollingOptions {
  intervalMs: number;
  /** With leases, each tick polls only the connections this replica was granted. */
  leases?: { leases: PollLeases; replicaId: string; leaseMs: number } | undefined;
  report: HealthSharingErrorHandler;
  now: () => number;
  /** The connections this replica tracks. */
  trackedIds: () => string[];
  /** Polls these connections, skipping any polled less than `minAgeMs` ago. */
  poll: (ids: Iterable<string>, minAgeMs: number) => void;
  /** Runs at each tick, before polling. */
  onTick?: (() => void) | undefined;
}

/**
 * The monitor's poll timer, running while it has subscribers. With `PollLeases`, each tick claims
 * this replica's share first. Claims and leaves run one after another, so a replica that stops and
 * starts again never has a stale claim land after its leave. When a claim fails (the store is
 * away), the leases granted before still hold until they run out, since nobody else can take them
 * before: those are polled, and no others. A failed claim never touches a connection's health.
 */
export class HealthPolling {
  readonly #options: HealthPollingOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** A claim is in flight: a tick that comes meanwhile is skipped. */
  #claiming = false;
  /** Leases granted at the last claim, with when they run out on this replica's clock. */
  #held = new Map<string, number>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: HealthPollingOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#timer) return;
    const interval = this.#options.intervalMs;
    this.#timer = setInterval(() => this.#tick(0), interval);
    // Subscribers come and go with every visitor of the event stream: a connection polled less
    // than an interval ago is not asked again.
    this.#tick(interval);
  }

  /** Stops the timer; resolves once this replica's poll leases are given up. */
  stop(): Promise<void> {
    if (!this.#timer) return Promise.resolve();
    clearInterval(this.#timer);
    this.#timer = undefined;
    return this.#options.leases ? this.#leave(this.#options.leases) : Promise.resolve();
  }

  #tick(minAgeMs: number) {
    this.#options.onTick?.();
    const leases = this.#options.leases;
    if (!leases) {
      this.#options.poll(this.#options.trackedIds(), minAgeMs);
      return;
    }
    if (this.#claiming) return;
    this.#claiming = true;
    void this.#claim(leases)
      .then((granted) => {
        if (this.#timer) this.#options.poll(granted, minAgeMs);
      })
      .finally(() => {
        this.#claiming = false;
      });
  }

  #enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #claim({ leases, replicaId, leaseMs }: NonNullable<HealthPollingOptions['leases']>) {
    return this.#enqueue(async () => {
      const ids = this.#options.trackedIds();
      const askedAt = this.#options.now();
      try {
        const granted = await leases.claim(replicaId, ids, leaseMs);
        // Counted from before the request: the store's own expiry is never earlier than this.
        this.#held = new Map(granted.map((id) => [id, askedAt + leaseMs]));
        return granted;
      } catch (error) {
        this.#options.report(error, { operation: 'claimPolls' });
        const now = this.#options.now();
        return ids.filter((id) => (this.#held.get(id) ?? 0) > now);
      }
    });
  }

  /** Gives this replica's leases up, so the others take its connections at their next tick. */
  #leave({ leases, replicaId }: NonNullable<HealthPollingOptions['leases']>) {
    return this.#enqueue(async () => {
      this.#held = new Map();
      try {
        await leases.leave(replicaId);
      } catch (error) {
        this.#options.report(error, { operation: 'leavePolls' });
      }
    });
  }
}
