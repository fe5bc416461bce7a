/** Makini's sync states; `fail` means the platform credentials are invalid. */
export const SyncStatus = {
  /** A sync is running. */
  IN_PROGRESS: 'inprogress',
  /** The last sync finished. */
  DONE: 'done',
  /** The last sync finished, and it was a full sync. */
  FULL_DONE: 'fulldone',
  /** The last sync ended in an error; the next one may succeed. */
  ERROR: 'error',
  /** The last sync failed because the platform credentials are invalid: reconnect. */
  FAIL: 'fail',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

const KNOWN_SYNC_STATUSES: ReadonlySet<string> = new Set(Object.values(SyncStatus));

/**
 * True when `value` is one of the documented {@link SyncStatus} values.
 *
 * @example
 * const integration = await client.integrations.current();
 * if (isSyncStatus(integration.sync_status) && integration.sync_status === 'fail') askToReconnect();
 */
export function isSyncStatus(value: unknown): value is SyncStatus {
  return typeof value === 'string' && KNOWN_SYNC_STATUSES.has(value);
}

/** The current integration and its `sync_status` (a {@link SyncStatus}); generated from the spec. */
export { Integration, IntegrationFields } from '../generated/schemas.js';
