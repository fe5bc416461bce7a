import { checkDuration } from '../client/timers.js';
import { checkClaim } from './checkClaim.js';
import type { PollLeases } from './PollLeases.js';

/** Options of {@link MemoryPollLeases}. */
export interface MemoryPollLeasesOptions {
  /** The clock leases expire by, in epoch ms (tests move it). @default Date.now */
  now?: () => number;
}

interface Held {
  replicaId: string;
  expiresAt: number;
}

/**
 * FNV-1a, then murmur3's finalizer: a fast, stable hash of a string, the same on every platform.
 * FNV-1a alone mixes its last characters into the high bits too little to rank members evenly.
 */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The live member rendezvous hashing picks for a connection (highest hash of member and id). */
function preferred(members: readonly string[], connectionId: string): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  for (const member of members) {
    const score = hash32(`${member}\n${connectionId}`);
    if (score > bestScore || (score === bestScore && best !== undefined && member > best)) {
      best = member;
      bestScore = score;
    }
  }
  return best;
}

/**
 * {@link PollLeases} in this process's memory, for several monitors in one process (or one test);
 * `RedisPollLeases` from `@makini-kit/redis` runs the same rules across processes:
 * - a replica that claims is a member until `leaseMs` after its last claim;
 * - each connection goes to the live member that rendezvous hashing prefers, so members share
 *   the connections evenly and a change of members moves only the connections it must;
 * - a lease held by another replica is never granted: the preferred member asks for it, and the
 *   holder gives it up at its next claim, so one replica polls a connection at a time;
 * - a free lease the preferred member did not take by this replica's next claim (it does not
 *   track that connection) is granted to this one.
 *
 * @example
 * const leases = new MemoryPollLeases();
 * const a = new ConnectionHealthMonitor({ leases, replicaId: 'a' });
 * const b = new ConnectionHealthMonitor({ leases, replicaId: 'b' }); // polls the other half
 */
export class MemoryPollLeases implements PollLeases {
  readonly #members = new Map<string, number>();
  readonly #leases = new Map<string, Held>();
  readonly #wanted = new Map<string, Held>();
  /** Per replica: the free leases it saw at its last claim. */
  readonly #seenFree = new Map<string, Set<string>>();
  readonly #now: () => number;

  /**
   * One per process; share it between the objects that should see each other.
   *
   * @param options The clock, for tests.
   */
  constructor(options: MemoryPollLeasesOptions = {}) {
    this.#now = options.now ?? (() => Date.now());
  }

  async claim(replicaId: string, connectionIds: readonly string[], leaseMs: number) {
    checkClaim('MemoryPollLeases', replicaId, connectionIds);
    checkDuration('MemoryPollLeases.claim leaseMs', leaseMs);
    const now = this.#now();
    this.#members.set(replicaId, now + leaseMs);
    for (const [member, until] of this.#members) if (until <= now) this.#members.delete(member);
    const live = [...this.#members.keys()];
    const current = (held: Held | undefined) => (held && held.expiresAt > now ? held : undefined);
    const seen = this.#seenFree.get(replicaId) ?? new Set();
    const free = new Set<string>();
    const granted: string[] = [];
    for (const id of new Set(connectionIds)) {
      const holder = current(this.#leases.get(id));
      const mine = preferred(live, id) === replicaId;
      if (holder?.replicaId === replicaId) {
        const wanted = current(this.#wanted.get(id));
        if (wanted && wanted.replicaId !== replicaId && this.#members.has(wanted.replicaId)) {
          this.#leases.delete(id);
          this.#wanted.delete(id);
          continue;
        }
        holder.expiresAt = now + leaseMs;
        granted.push(id);
      } else if (!holder) {
        if (mine || seen.has(id)) {
          this.#leases.set(id, { replicaId, expiresAt: now + leaseMs });
          if (this.#wanted.get(id)?.replicaId === replicaId) this.#wanted.delete(id);
          granted.push(id);
        } else free.add(id);
      } else if (mine) {
        this.#wanted.set(id, { replicaId, expiresAt: now + leaseMs });
      }
    }
    this.#seenFree.set(replicaId, free);
    return granted;
  }

  async leave(replicaId: string): Promise<void> {
    this.#members.delete(replicaId);
    this.#seenFree.delete(replicaId);
    for (const [id, held] of this.#leases)
      if (held.replicaId === replicaId) this.#leases.delete(id);
  }
}
