import type { HealthBus } from '../state/HealthBus.js';
import type { ConnectionHealth } from './ConnectionHealth.js';
import { compareFreshness } from './healthFreshness.js';
import type { HealthSharingErrorHandler } from './healthSharingReporter.js';

/** What the monitor lets its bus link read and change. */
export interface HealthSharingHost {
  get(connectionId: string): ConnectionHealth | undefined;
  isTracked(connectionId: string): boolean;
  /** Puts another replica's health in the snapshot (`null`: forget it), without publishing it. */
  replace(connectionId: string, health: ConnectionHealth | null): void;
}

/**
 * How long an alert claim is remembered: longer than replicas that observe one episode apart in
 * time (one of them cut off from the bus for a while) could be apart.
 */
const ALERT_CLAIM_TTL_MS = 86_400_000;

/**
 * After a failed subscribe, the bus is asked again on a timer of its own, 1 s doubling to 30 s: a
 * replica nobody watches (no polls) still hears the others once the bus is back.
 */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * A monitor's link to a `HealthBus`: publishes its changes (one message in flight per connection,
 * the latest change waiting behind it), applies other replicas' changes, loads what was published
 * before it started, and asks the bus who sends an alert. A failure of the bus is reported and
 * never stops the monitor.
 */
export class HealthSharing {
  readonly #bus: HealthBus;
  readonly #host: HealthSharingHost;
  readonly #report: HealthSharingErrorHandler;
  #unsubscribe: (() => Promise<void>) | undefined;
  #connecting: Promise<void> | undefined;
  #disposed = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #retryDelayMs = RETRY_FIRST_MS;
  readonly #waiting = new Map<string, ConnectionHealth | null>();
  readonly #sending = new Set<string>();

  constructor(bus: HealthBus, host: HealthSharingHost, report: HealthSharingErrorHandler) {
    this.#bus = bus;
    this.#host = host;
    this.#report = report;
  }

  /**
   * Follows the bus, when it does not yet (an earlier attempt failed), then loads every published
   * health. Never rejects; a failure is tried again in the background until it works or the
   * monitor is disposed. Once it follows, messages lost while Redis was away are made up by the
   * next poll of each connection, which publishes it again.
   */
  async connect(): Promise<void> {
    if (this.#disposed || this.#unsubscribe) return;
    this.#connecting ??= (async () => {
      try {
        const unsubscribe = await this.#bus.subscribe((connectionId, health) =>
          this.receive(connectionId, health),
        );
        if (this.#disposed) {
          void unsubscribe().catch(() => undefined);
          return;
        }
        this.#unsubscribe = unsubscribe;
      } catch (error) {
        this.#report(error, { operation: 'subscribe' });
        this.#retryLater();
        return;
      }
      this.#retryDelayMs = RETRY_FIRST_MS;
      await this.#load();
    })().finally(() => {
      this.#connecting = undefined;
    });
    await this.#connecting;
  }

  #retryLater(): void {
    if (this.#disposed || this.#retry !== undefined) return;
    const delay = this.#retryDelayMs;
    this.#retryDelayMs = Math.min(2 * delay, RETRY_MAX_MS);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.connect();
    }, delay);
    // Waiting for the bus is no reason to keep a process alive.
    (this.#retry as { unref?: () => void }).unref?.();
  }

  async #load(): Promise<void> {
    let published: Record<string, ConnectionHealth>;
    try {
      published = await this.#bus.load();
    } catch (error) {
      this.#report(error, { operation: 'load' });
      return;
    }
    if (this.#disposed) return;
    for (const [connectionId, health] of Object.entries(published)) {
      this.receive(connectionId, health);
    }
  }

  /**
   * Another replica's health: it replaces this replica's entry unless this one learned something
   * later, or the same (see `compareFreshness`). `null` forgets a connection this replica does not track
   * itself.
   */
  receive(connectionId: string, health: ConnectionHealth | null): void {
    if (this.#disposed) return;
    const current = this.#host.get(connectionId);
    if (health === null) {
      if (current && !this.#host.isTracked(connectionId)) this.#host.replace(connectionId, null);
      return;
    }
    // What differs in call statistics alone is not news: each replica counts its own calls. So a
    // replica's own messages coming back (MemoryHealthBus), and the reload at each poll, change
    // nothing.
    if (current && compareFreshness(health, current) <= 0) return;
    this.#host.replace(connectionId, health);
  }

  /** Shares a change; a newer change of the same connection replaces one still waiting. */
  publish(connectionId: string, health: ConnectionHealth | null): void {
    if (this.#disposed) return;
    this.#waiting.set(connectionId, health);
    if (!this.#sending.has(connectionId)) void this.#send(connectionId);
  }

  async #send(connectionId: string): Promise<void> {
    this.#sending.add(connectionId);
    try {
      while (this.#waiting.has(connectionId)) {
        const health = this.#waiting.get(connectionId) ?? null;
        this.#waiting.delete(connectionId);
        try {
          await this.#bus.publish(connectionId, health);
        } catch (error) {
          this.#report(error, { operation: 'publish', connectionId });
        }
      }
    } finally {
      this.#sending.delete(connectionId);
    }
  }

  /**
   * True when this replica sends the alert. When the bus cannot answer, the alert goes out anyway:
   * a customer told twice is better off than one never told.
   */
  async claimAlert(connectionId: string, kind: string, episode: string): Promise<boolean> {
    try {
      return await this.#bus.claimAlert(connectionId, kind, episode, ALERT_CLAIM_TTL_MS);
    } catch (error) {
      this.#report(error, { operation: 'claimAlert', connectionId });
      return true;
    }
  }

  /** Stops following the bus; changes already made are still published. */
  /** Stops following the bus; resolves once unsubscribed (a failure is reported, not thrown). */
  async dispose(): Promise<void> {
    this.#disposed = true;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = undefined;
    await unsubscribe?.().catch((error: unknown) =>
      this.#report(error, { operation: 'subscribe' }),
    );
  }
}
