/** A held lock: who holds it (`token`), its fencing number, and until when. */
export interface Lease {
  /** What is locked, e.g. a connection's refresh. */
  key: string;
  /** The owner's secret: only it may extend or release the lease. */
  token: string;
  /** Strictly increasing per key across every replica: a later holder always has a higher fence. */
  fence: number;
  /** Epoch ms (the holder's clock) after which the lease may be someone else's. */
  expiresAt: number;
}

/**
 * A lock with expiry and fencing, shared by replicas: a holder that dies frees it when its lease
 * runs out; a holder that stalls past its lease is told apart by its lower fence. Implementations:
 * `MemoryLock` (one process), `RedisLock` (`@makini-kit/redis`).
 */
export interface Lock {
  /** Takes the lock if it is free; `undefined` while another owner holds it. Never waits. */
  tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends an owned lease; `false` when it was lost (it expired, and may be someone else's). */
  extend(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Releases an owned lease; a lost one is left alone. */
  release(lease: Lease): Promise<void>;
}
