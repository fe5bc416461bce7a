import type { Lease, Lock } from '../state/Lock.js';

/**
 * Keeps a lease alive: extends it every third of its ttl until stopped, or until the lock says it
 * was lost (it lapsed, and another replica may hold it now). A failed extend (the store away) is
 * tried again at the next beat; only the lock's own "no" ends it.
 */
export class LeaseHeartbeat {
  #timer: ReturnType<typeof setInterval> | undefined;
  #lost = false;

  constructor(
    readonly lock: Lock,
    readonly lease: Lease,
    readonly ttlMs: number,
  ) {
    this.#timer = setInterval(() => void this.#beat(), Math.max(1, Math.floor(ttlMs / 3)));
  }

  /** True once an extend was refused: the lease lapsed. */
  get lost(): boolean {
    return this.#lost;
  }

  async #beat(): Promise<void> {
    const kept = await this.lock.extend(this.lease, this.ttlMs).catch(() => true);
    if (!kept) {
      this.#lost = true;
      this.#stop();
    }
  }

  #stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Stops extending and releases the lease (a lost one is left alone by the lock). */
  async release(): Promise<void> {
    this.#stop();
    await this.lock.release(this.lease).catch(() => undefined);
  }
}
