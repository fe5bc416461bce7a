/** Makini's sync states; `fail` means the platform credentials are invalid. */
export const SyncStatus = {
  IN_PROGRESS: 'inprogress',
  DONE: 'done',
  FULL_DONE: 'fulldone',
  ERROR: 'error',
  FAIL: 'fail',
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

const KNOWN_SYNC_STATUSES: ReadonlySet<string> = new Set(Object.values(SyncStatus));

/** True when `value` is one of the documented {@link SyncStatus} values. */
export function isSyncStatus(value: unknown): value is SyncStatus {
  return typeof value === 'string' && KNOWN_SYNC_STATUSES.has(value);
}

/** The current integration and its `sync_status` (a {@link SyncStatus}); generated from the spec. */
export { Integration, IntegrationFields } from '../generated/schemas.js';
