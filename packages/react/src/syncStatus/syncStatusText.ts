import type { ConnectionHealth, SyncStatus } from '@makini-kit/core';
import type { Messages } from '../messages/Messages.js';
import { formatRelativeTime } from '../relativeTime.js';

/** What `<SyncStatus>` shows, worked out from the health and the messages alone. */
export interface SyncStatusText {
  /** The sync status, or `unknown` before the first sync is known. */
  state: SyncStatus | 'unknown';
  label: string;
  /** "Updated 5 minutes ago"; absent when the time is not known. */
  updated: string | undefined;
  /** Why an `error` or `fail` happened, in words the customer can act on. */
  reason: string | undefined;
}

/** The texts of a sync status in the messages' language, times formatted for `locale`. */
export function syncStatusText(
  health: ConnectionHealth,
  messages: Messages,
  now: number,
  locale: string,
): SyncStatusText {
  const sync = health.sync;
  if (!sync) {
    // Still loading reads differently from a connection that has never synced.
    const label =
      health.state === 'unknown' ? messages.status.states.unknown : messages.status.never;
    return { state: 'unknown', label, updated: undefined, reason: undefined };
  }
  const failed = sync.status === 'error' || sync.status === 'fail';
  return {
    state: sync.status,
    label: messages.sync.states[sync.status],
    updated:
      sync.updatedAt !== undefined
        ? messages.sync.updated(formatRelativeTime(sync.updatedAt, now, locale))
        : undefined,
    reason: failed
      ? sync.reason || messages.sync.reasons[sync.status as 'error' | 'fail']
      : undefined,
  };
}
