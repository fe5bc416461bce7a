import { CONNECTION_HEALTH_STATES, type ConnectionHealth } from '@makini-kit/core';

const STATES: ReadonlySet<string> = new Set(CONNECTION_HEALTH_STATES);
/** More than the monitor keeps (20): a longer history is not one a monitor published. */
const MAX_HISTORY = 100;
const MAX_TEXT = 2_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_TEXT;

/**
 * Reads a connection's health as another replica published it, or says what is wrong with it.
 * The copy holds the known fields only: whatever else sits in Redis never reaches a browser
 * through the health stream.
 */
export function readPublishedHealth(
  value: unknown,
  connectionId: string,
): { health: ConnectionHealth } | { problem: string } {
  if (!isRecord(value)) return { problem: 'the health is not an object' };
  if (value.connectionId !== connectionId) {
    return { problem: 'the health names another connection than its key' };
  }
  if (typeof value.state !== 'string' || !STATES.has(value.state)) {
    return { problem: `state is not one of ${CONNECTION_HEALTH_STATES.join(', ')}` };
  }
  if (!isTime(value.since)) return { problem: 'since is not a time in epoch ms' };
  if (typeof value.errorRate !== 'number' || !(value.errorRate >= 0 && value.errorRate <= 1)) {
    return { problem: 'errorRate is not a number from 0 to 1' };
  }
  if (!Number.isSafeInteger(value.samples) || (value.samples as number) < 0) {
    return { problem: 'samples is not a whole number' };
  }
  for (const field of ['lastSuccessAt', 'checkedAt', 'updatedAt'] as const) {
    if (value[field] !== undefined && !isTime(value[field])) {
      return { problem: `${field} is not a time in epoch ms` };
    }
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
      !isTime(transition.at) ||
      (transition.reason !== undefined && !isText(transition.reason))
    ) {
      return { problem: 'history holds something other than a transition' };
    }
    history.push({
      from: transition.from as ConnectionHealth['state'],
      to: transition.to as ConnectionHealth['state'],
      at: transition.at,
      ...(transition.reason === undefined ? {} : { reason: transition.reason as string }),
    });
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
      ...(value.updatedAt === undefined ? {} : { updatedAt: value.updatedAt as number }),
    },
  };
}
