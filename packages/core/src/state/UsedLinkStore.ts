/**
 * Remembers which reconnect links were redeemed, so each works once, on every replica that shares
 * the store. An entry need only outlive its link: after `expiresAt` the link is refused as expired
 * anyway. Implementations: `MemoryUsedLinks` (one process), `RedisUsedLinks` (`@makini-kit/redis`).
 * A store that cannot answer rejects with `StateStoreError`.
 */
export interface UsedLinkStore {
  /**
   * Marks the link `id` used until at least `expiresAt` (epoch ms), even one already past: stores
   * keep the mark a margin longer, for clocks that disagree. Resolves `true` when this call was the
   * first to mark it, `false` when it was used already: the check and the write are one atomic step.
   */
  markUsed(id: string, expiresAt: number): Promise<boolean>;
  /** Whether the link `id` was marked used (and has not expired since). */
  isUsed(id: string): Promise<boolean>;
}
