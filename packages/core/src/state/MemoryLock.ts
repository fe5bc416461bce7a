import { checkDuration } from '../client/timers.js';
import type { Lease, Lock } from './Lock.js';

/** Options of {@link MemoryLock}. */
export interface MemoryLockOptions {
  /** The clock leases expire by, in epoch ms (tests move it). @default Date.now */
  now?: () => number;
}

/**
 * A {@link Lock} in this process's memory: the single-replica default, and a way for several
 * `TokenManager`s in one process (or one test) to share a refresh lock. Fences increase per key for
 * the life of the lock object. Use `RedisLock` from `@makini-kit/redis` across processes.
 *
 * @example
 * const lock = new MemoryLock();
 * const lease = await lock.tryAcquire('conn_1:refresh', 30_000);
 * if (lease) try { await work(lease.fence); } finally { await lock.release(lease); }
 */
export class MemoryLock implements Lock {
  readonly #held = new Map<string, { token: string; expiresAt: number }>();
  readonly #fences = new Map<string, number>();
  readonly #now: () => number;

  /**
   * One per process; share it between the objects that should see each other.
   *
   * @param options The clock, for tests.
   */
  constructor(options: MemoryLockOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  #owned(lease: Lease): boolean {
    const held = this.#held.get(lease.key);
    return held !== undefined && held.token === lease.token && held.expiresAt > this.#now();
  }

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    checkDuration('MemoryLock.tryAcquire ttlMs', ttlMs);
    const now = this.#now();
    const held = this.#held.get(key);
    if (held && held.expiresAt > now) return undefined;
    const fence = (this.#fences.get(key) ?? 0) + 1;
    this.#fences.set(key, fence);
    const token = crypto.randomUUID();
    const expiresAt = now + ttlMs;
    this.#held.set(key, { token, expiresAt });
    return { key, token, fence, expiresAt };
  }

  async extend(lease: Lease, ttlMs: number): Promise<boolean> {
    checkDuration('MemoryLock.extend ttlMs', ttlMs);
    if (!this.#owned(lease)) return false;
    const expiresAt = this.#now() + ttlMs;
    this.#held.set(lease.key, { token: lease.token, expiresAt });
    lease.expiresAt = expiresAt;
    return true;
  }

  async release(lease: Lease): Promise<void> {
    if (this.#owned(lease)) this.#held.delete(lease.key);
  }
}
