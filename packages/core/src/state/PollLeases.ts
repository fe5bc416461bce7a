/**
 * Partitions health polling between replicas: each connection is polled by one replica per
 * interval, and a dead replica's connections pass to the others when its leases run out.
 * Implementations: `MemoryPollLeases` (one process), `RedisPollLeases` (`@makini-kit/redis`).
 */
export interface PollLeases {
  /**
   * Which of `connectionIds` this replica polls now: acquires or renews their leases for
   * `leaseMs`. Each id is granted to one live replica at a time.
   */
  claim(replicaId: string, connectionIds: readonly string[], leaseMs: number): Promise<string[]>;
  /** This replica stops polling (its last subscriber left, or it shuts down): its leases go. */
  leave(replicaId: string): Promise<void>;
}
