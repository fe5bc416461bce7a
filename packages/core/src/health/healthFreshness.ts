import type { ConnectionHealth } from './ConnectionHealth.js';

/**
 * An entry created by `track` that has learned nothing yet: any published health, however old,
 * knows more than it does.
 */
export function isPristine(health: ConnectionHealth): boolean {
  return (
    health.state === 'unknown' && health.history.length === 0 && health.checkedAt === undefined
  );
}

/**
 * When a health entry last changed, epoch ms: its `updatedAt` (set by a monitor with a bus), or
 * else the latest of its state change, poll and transitions. Replicas keep the entry changed
 * last, so two replicas that changed one connection at once end with the same entry whatever
 * order the messages arrive in.
 */
export function changedAt(health: ConnectionHealth): number {
  if (isPristine(health)) return Number.NEGATIVE_INFINITY;
  if (health.updatedAt !== undefined) return health.updatedAt;
  const last = health.history[health.history.length - 1];
  return Math.max(
    health.since,
    health.checkedAt ?? Number.NEGATIVE_INFINITY,
    last?.at ?? Number.NEGATIVE_INFINITY,
  );
}

/** The fields `sameShared` compares, in a fixed order. */
function sharedText(health: ConnectionHealth): string {
  return JSON.stringify([
    health.state,
    health.reason ?? null,
    health.since,
    health.checkedAt ?? null,
    health.history.map((transition) => [
      transition.from,
      transition.to,
      transition.at,
      transition.reason ?? null,
    ]),
    syncText(health.sync),
  ]);
}

/**
 * Orders two entries of one connection: positive when `a` is the one to keep. The entry that
 * learned last wins; two that learned at the same millisecond are ordered by their content, so
 * that every replica keeps the same one whichever arrived first. 0 when they share the same
 * (see `sameShared`).
 */
export function compareFreshness(a: ConnectionHealth, b: ConnectionHealth): number {
  const byTime = changedAt(a) - changedAt(b);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  if (sameShared(a, b)) return 0;
  return sharedText(a) > sharedText(b) ? 1 : -1;
}

/**
 * What a published entry carries that the other replicas care about. The error rate, its sample
 * count and `lastSuccessAt` change on every call this replica makes: they travel with the next
 * change of these fields instead of costing the bus a message per call.
 */
export function sameShared(a: ConnectionHealth, b: ConnectionHealth): boolean {
  return (
    a.state === b.state &&
    a.reason === b.reason &&
    a.since === b.since &&
    a.checkedAt === b.checkedAt &&
    sameHistory(a.history, b.history) &&
    syncText(a.sync) === syncText(b.sync)
  );
}

/** A sync report as one comparable value: a sync that moves on is news for every replica. */
function syncText(sync: ConnectionHealth['sync']): string | null {
  return sync ? JSON.stringify([sync.status, sync.updatedAt ?? null, sync.reason ?? null]) : null;
}

function sameHistory(a: ConnectionHealth['history'], b: ConnectionHealth['history']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((transition, index) => {
    const other = b[index];
    return (
      other !== undefined &&
      transition.from === other.from &&
      transition.to === other.to &&
      transition.at === other.at &&
      transition.reason === other.reason
    );
  });
}

/**
 * The alert episode an entry is in, the same on every replica that shares its history: episodes
 * end when the connection turns healthy, so an episode is named by the last time it did.
 */
export function alertEpisode(health: ConnectionHealth): string {
  for (let index = health.history.length - 1; index >= 0; index--) {
    const transition = health.history[index];
    if (transition?.to === 'healthy') return `healthy@${transition.at}`;
  }
  return 'never-healthy';
}
