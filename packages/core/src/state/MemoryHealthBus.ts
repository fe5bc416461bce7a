import { checkDuration } from '../client/timers.js';
import type { ConnectionHealth } from '../health/ConnectionHealth.js';
import type { HealthBus, HealthBusListener } from './HealthBus.js';

/** Options of {@link MemoryHealthBus}. */
export interface MemoryHealthBusOptions {
  /** The clock alert claims expire by, in epoch ms (tests move it). @default Date.now */
  now?: () => number;
}

/**
 * A {@link HealthBus} in this process's memory: several `ConnectionHealthMonitor`s in one process
 * (or one test) share health through it as replicas do through `RedisHealthBus`. A publication
 * reaches every subscriber at once, the publisher's own too (a monitor ignores its own health
 * coming back). Use `RedisHealthBus` from `@makini-kit/redis` across processes.
 *
 * @example
 * const bus = new MemoryHealthBus();
 * const a = new ConnectionHealthMonitor({ bus });
 * const b = new ConnectionHealthMonitor({ bus }); // sees what `a` observes
 */
export class MemoryHealthBus implements HealthBus {
  readonly #published = new Map<string, ConnectionHealth>();
  readonly #listeners = new Set<HealthBusListener>();
  readonly #claims = new Map<string, number>();
  readonly #now: () => number;

  /**
   * One per process; share it between the objects that should see each other.
   *
   * @param options The clock, for tests.
   */
  constructor(options: MemoryHealthBusOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  async publish(connectionId: string, health: ConnectionHealth | null): Promise<void> {
    // A copy: what a subscriber keeps must not change when the publisher's object does.
    const copy = health === null ? null : structuredClone(health);
    if (copy === null) this.#published.delete(connectionId);
    else this.#published.set(connectionId, copy);
    for (const listener of [...this.#listeners]) {
      try {
        listener(connectionId, copy);
      } catch {
        // One subscriber's failure must not keep the change from the others.
      }
    }
  }

  async subscribe(listener: HealthBusListener): Promise<() => Promise<void>> {
    // Each subscription is its own, even when one function subscribes twice.
    const own: HealthBusListener = (connectionId, health) => listener(connectionId, health);
    this.#listeners.add(own);
    return async () => {
      this.#listeners.delete(own);
    };
  }

  async load(): Promise<Record<string, ConnectionHealth>> {
    return structuredClone(Object.fromEntries(this.#published));
  }

  async claimAlert(
    connectionId: string,
    kind: string,
    episode: string,
    ttlMs: number,
  ): Promise<boolean> {
    checkDuration('MemoryHealthBus.claimAlert ttlMs', ttlMs);
    const now = this.#now();
    const key = JSON.stringify([connectionId, kind, episode]);
    const until = this.#claims.get(key);
    if (until !== undefined && until > now) return false;
    for (const [other, otherUntil] of this.#claims)
      if (otherUntil <= now) this.#claims.delete(other);
    this.#claims.set(key, now + ttlMs);
    return true;
  }
}
