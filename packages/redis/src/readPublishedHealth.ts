import {
  CONNECTION_HEALTH_STATES,
  type ConnectionHealth,
  isSyncStatus,
  MAX_HEALTH_CLOCK_SKEW_MS,
  MAX_HEALTH_TEXT_LENGTH,
} from '@makini-kit/core';

const STATES: ReadonlySet<string> = new Set(CONNECTION_HEALTH_STATES);
/** More than the monitor keeps (20): a longer history is not one a monitor published. */
const MAX_HISTORY = 100;
/** The monitor cuts every text it writes to this length. */
const MAX_TEXT = MAX_HEALTH_TEXT_LENGTH;

/**
 * How far past this replica's clock a published time may lie: replicas' clocks differ a little.
 * A later one is not a time any monitor wrote; taken, it would outrank every real change (each is
 * made later than the entry it replaces) and hold its state on every replica.
 */
const MAX_SKEW_MS = MAX_HEALTH_CLOCK_SKEW_MS;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_TEXT;

/**
 * Reads a connection's health as another replica published it, or says what is wrong with it.
 * The copy holds the known fields only: whatever else sits in Redis never reaches a browser
 * through the health stream. Times are whole epoch ms no later than five minutes past `now`.
 */
export function readPublishedHealth(
  value: unknown,
  connectionId: string,
  now: number = Date.now(),
): { health: ConnectionHealth } | { problem: string } {
  const latest = now + MAX_SKEW_MS;
  const isTime = (time: unknown): time is number =>
    Number.isSafeInteger(time) && (time as number) >= 0 && (time as number) <= latest;
  const notTime = (field: string) => ({
    problem: `${field} is not a time in whole epoch ms, at most 5 minutes past this replica's clock`,
  });
  if (!isRecord(value)) return { problem: 'the health is not an object' };
  if (value.connectionId !== connectionId) {
    return { problem: 'the health names another connection than its key' };
  }
  if (typeof value.state !== 'string' || !STATES.has(value.state)) {
    return { problem: `state is not one of ${CONNECTION_HEALTH_STATES.join(', ')}` };
  }
  if (!isTime(value.since)) return notTime('since');
  if (typeof value.errorRate !== 'number' || !(value.errorRate >= 0 && value.errorRate <= 1)) {
    return { problem: 'errorRate is not a number from 0 to 1' };
  }
  if (!Number.isSafeInteger(value.samples) || (value.samples as number) < 0) {
    return { problem: 'samples is not a whole number' };
  }
  for (const field of ['lastSuccessAt', 'checkedAt', 'updatedAt'] as const) {
    if (value[field] !== undefined && !isTime(value[field])) return notTime(field);
  }
  if (value.reason !== undefined && !isText(value.reason)) {
    return { problem: `reason is not a string of at most ${MAX_TEXT} characters` };
  }
  if (!Array.isArray(value.history) || value.history.length > MAX_HISTORY) {
    return { problem: `history is not a list of at most ${MAX_HISTORY} transitions` };
  }
  const history: ConnectionHealth['history'] = [];
  for (const transition of value.history) {
    if (
      !isRecord(transition) ||
      !STATES.has(transition.from as string) ||
      !STATES.has(transition.to as string) ||
      (transition.reason !== undefined && !isText(transition.reason))
    ) {
      return { problem: 'history holds something other than a transition' };
    }
    if (!isTime(transition.at)) return notTime('a transition in history: at');
    history.push({
      from: transition.from as ConnectionHealth['state'],
      to: transition.to as ConnectionHealth['state'],
      at: transition.at,
      ...(transition.reason === undefined ? {} : { reason: transition.reason as string }),
    });
  }
  const sync = value.sync;
  if (
    sync !== undefined &&
    (!isRecord(sync) ||
      !isSyncStatus(sync.status) ||
      (sync.reason !== undefined && !isText(sync.reason)))
  ) {
    return { problem: 'sync is not a sync status with an optional time and reason' };
  }
  if (sync !== undefined && sync.updatedAt !== undefined && !isTime(sync.updatedAt)) {
    return notTime('sync.updatedAt');
  }
  return {
    health: {
      connectionId,
      state: value.state as ConnectionHealth['state'],
      ...(value.reason === undefined ? {} : { reason: value.reason as string }),
      since: value.since,
      ...(value.lastSuccessAt === undefined
        ? {}
        : { lastSuccessAt: value.lastSuccessAt as number }),
      errorRate: value.errorRate,
      samples: value.samples as number,
      ...(value.checkedAt === undefined ? {} : { checkedAt: value.checkedAt as number }),
      history,
      ...(sync === undefined
        ? {}
        : {
            sync: {
              status: sync.status as NonNullable<ConnectionHealth['sync']>['status'],
              ...(sync.updatedAt === undefined ? {} : { updatedAt: sync.updatedAt as number }),
              ...(sync.reason === undefined ? {} : { reason: sync.reason as string }),
            },
          }),
      ...(value.updatedAt === undefined ? {} : { updatedAt: value.updatedAt as number }),
    },
  };
}
