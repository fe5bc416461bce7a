import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { recordId, text, timestamp } from './fields.js';

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

/** The fields of `/api/integrations/current`: the connection the bearer token belongs to. */
export const IntegrationFields = z.looseObject({
  id: recordId(),
  company_name: text(),
  email: text(),
  /** The platform slug, e.g. `sap-s4hana`. */
  provider: text(),
  updated_at: timestamp(),
  /**
   * A {@link SyncStatus}, or another string a newer API sends (kept, so nothing breaks; check it
   * with {@link isSyncStatus}).
   */
  sync_status: z
    .union([z.enum(Object.values(SyncStatus) as [SyncStatus, ...SyncStatus[]]), z.string()])
    .nullish(),
  sync_updated_at: timestamp(),
});

/** The current integration and its sync status. */
export const Integration = withCustomFields(IntegrationFields);
export type Integration = z.infer<typeof Integration>;
