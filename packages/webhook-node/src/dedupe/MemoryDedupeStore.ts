import { checkTtl } from './checkTtl.js';
import type { ClaimResult, DedupeStore } from './DedupeStore.js';
import { Fifo } from './Fifo.js';
import { newClaimToken } from './newClaimToken.js';

/** Options of {@link MemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /**
   * Most ids held at once, claims and processed ids together. Past it the oldest processed id is
   * forgotten (a redelivery of it would run again); a live claim never is.
   * @default 100_000
   */
  maxEntries?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

/** A claim (with its owner's token) or a processed id (without one), and when it lapses. */
interface Entry {
  readonly id: string;
  readonly token: string | undefined;
  readonly expiresAt: number;
}

const DONE = { status: 'done' } as const;
const IN_PROGRESS = { status: 'in_progress' } as const;

/**
 * An in-process store with expiry: right for one instance; use `RedisDedupeStore` for several.
 * Every call takes constant time, full or empty.
 *
 * @example createWebhookHandler({ secret, on, dedupe: new MemoryDedupeStore() })
 */
export class MemoryDedupeStore implements DedupeStore {
  private readonly entries = new Map<string, Entry>();
  // Each list is in expiry order as long as its TTL is the same for every entry (the handler's
  // are), so what has expired, or was replaced, sits at the front and leaves in O(1).
  private readonly claims = new Fifo<Entry>();
  private readonly done = new Fifo<Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  /**
   * One per process: ids are remembered in memory only (a `RedisDedupeStore` shares them).
   *
   * @param options How many ids to keep, and the clock for tests.
   * @throws {RangeError} When `maxEntries` is not a positive integer.
   */
  constructor(options: MemoryDedupeStoreOptions = {}) {
    const { maxEntries = 100_000 } = options;
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(
        `MemoryDedupeStore: maxEntries must be a positive integer, got ${String(maxEntries)}.`,
      );
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  async claim(id: string, processingTtlMs: number): Promise<ClaimResult> {
    checkTtl('MemoryDedupeStore.claim', 'processingTtlMs', processingTtlMs);
    const now = this.now();
    this.dropLapsed(now);
    const entry = this.live(id, now);
    if (entry) return entry.token === undefined ? DONE : IN_PROGRESS;
    this.makeRoom();
    const token = newClaimToken();
    this.hold(id, token, now + processingTtlMs);
    return { status: 'claimed', token };
  }

  async renew(id: string, token: string, processingTtlMs: number): Promise<boolean> {
    checkTtl('MemoryDedupeStore.renew', 'processingTtlMs', processingTtlMs);
    const now = this.now();
    if (this.live(id, now)?.token !== token) return false;
    this.hold(id, token, now + processingTtlMs);
    return true;
  }

  async complete(id: string, token: string, doneTtlMs: number): Promise<void> {
    checkTtl('MemoryDedupeStore.complete', 'doneTtlMs', doneTtlMs);
    const now = this.now();
    const entry = this.live(id, now);
    // Another delivery's live claim, or done already: not this delivery's to overwrite.
    if (entry && entry.token !== token) return;
    if (!entry) this.makeRoom();
    this.hold(id, undefined, now + doneTtlMs);
  }

  async release(id: string, token: string): Promise<void> {
    if (this.entries.get(id)?.token === token) this.entries.delete(id);
  }

  private live(id: string, now: number): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Sets `id`'s entry; the one it replaces stays in its list until it reaches the front. */
  private hold(id: string, token: string | undefined, expiresAt: number) {
    const entry = { id, token, expiresAt };
    this.entries.set(id, entry);
    (token === undefined ? this.done : this.claims).push(entry);
  }

  /** Drops expired and replaced entries from the front of both lists: each leaves once. */
  private dropLapsed(now: number) {
    this.dropLapsedFrom(this.claims, now);
    this.dropLapsedFrom(this.done, now);
  }

  private dropLapsedFrom(list: Fifo<Entry>, now: number) {
    for (let entry = list.peek(); entry; entry = list.peek()) {
      const current = this.entries.get(entry.id) === entry;
      if (current && entry.expiresAt > now) return;
      list.shift();
      if (current) this.entries.delete(entry.id);
    }
  }

  /** Bounded memory: past `maxEntries` the oldest processed ids go; live claims stay. */
  private makeRoom() {
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.done.shift();
      if (!oldest)
        throw new Error(
          `MemoryDedupeStore is full: ${this.maxEntries} deliveries are being processed at once. ` +
            'Raise maxEntries, or spread the load over instances that share a RedisDedupeStore.',
        );
      if (this.entries.get(oldest.id) === oldest) this.entries.delete(oldest.id);
    }
  }
}
