import type { UsedLinkStore } from './UsedLinkStore.js';

/** Options of {@link MemoryUsedLinks}. */
export interface MemoryUsedLinksOptions {
  /** The clock entries expire by, in epoch ms (tests move it). @default Date.now */
  now?: () => number;
}

/**
 * How long a mark outlives its link: the expiry was checked on the caller's clock a moment before
 * (or on another clock), and a mark already over when written would let the link work again.
 */
const MARGIN_MS = 5 * 60_000;

/** Expired entries are swept at most this often, so a mark stays O(1) on average. */
const SWEEP_EVERY_MS = 60_000;

/**
 * A {@link UsedLinkStore} in this process's memory: the default of `ReconnectLinks`, right for one
 * back-end process. Entries are dropped 5 minutes after their link has expired. Several replicas must share
 * `RedisUsedLinks` from `@makini-kit/redis` instead, or a link redeemed on one works again on another.
 *
 * @example
 * const links = new ReconnectLinks({ secrets: [process.env.RECONNECT_LINK_SECRET!], usedLinks: new MemoryUsedLinks() });
 */
export class MemoryUsedLinks implements UsedLinkStore {
  readonly #used = new Map<string, number>();
  readonly #now: () => number;
  #sweptAt = Number.NEGATIVE_INFINITY;

  /**
   * One process only: several replicas share a `RedisUsedLinks` instead.
   *
   * @param options The clock, for tests.
   */
  constructor(options: MemoryUsedLinksOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < SWEEP_EVERY_MS) return;
    this.#sweptAt = now;
    for (const [id, expiresAt] of this.#used) if (expiresAt <= now) this.#used.delete(id);
  }

  async markUsed(id: string, expiresAt: number): Promise<boolean> {
    const now = this.#now();
    this.#sweep(now);
    const held = this.#used.get(id);
    if (held !== undefined && held > now) return false;
    this.#used.set(id, Math.max(expiresAt, now) + MARGIN_MS);
    return true;
  }

  async isUsed(id: string): Promise<boolean> {
    const held = this.#used.get(id);
    return held !== undefined && held > this.#now();
  }

  /** How many links are remembered (expired ones may linger until the next sweep). */
  get size(): number {
    return this.#used.size;
  }
}
