import type { ClaimResult, DedupeStore } from './DedupeStore.js';

/**
 * An in-process store with expiry: right for one instance; use `RedisDedupeStore` for several.
 *
 * @example createWebhookHandler({ secret, on, dedupe: new MemoryDedupeStore() })
 */
export class MemoryDedupeStore implements DedupeStore {
  private readonly entries = new Map<string, { state: 'processing' | 'done'; expiresAt: number }>();

  constructor(private readonly options: { now?: () => number; maxEntries?: number } = {}) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private live(id: string) {
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  async claim(id: string, processingTtlMs: number): Promise<ClaimResult> {
    const entry = this.live(id);
    if (entry) return entry.state === 'done' ? 'done' : 'in_progress';
    this.evictIfFull();
    this.entries.set(id, { state: 'processing', expiresAt: this.now() + processingTtlMs });
    return 'claimed';
  }

  async complete(id: string, doneTtlMs: number): Promise<void> {
    this.entries.delete(id);
    this.entries.set(id, { state: 'done', expiresAt: this.now() + doneTtlMs });
  }

  async release(id: string): Promise<void> {
    if (this.entries.get(id)?.state === 'processing') this.entries.delete(id);
  }

  /** Bounded memory: past `maxEntries`, expired entries go first, then the oldest. */
  private evictIfFull() {
    const max = this.options.maxEntries ?? 100_000;
    if (this.entries.size < max) return;
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
    while (this.entries.size >= max)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}
