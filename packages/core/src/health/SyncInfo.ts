import type { SyncStatus } from '../models/Integration.js';

/** What is known of a connection's last sync. Plain JSON: safe to send to a browser. */
export interface SyncInfo {
  /** Makini's `sync_status`: `inprogress`, `done`, `fulldone`, `error` or `fail` (reconnect). */
  status: SyncStatus;
  /** When Makini last changed the sync status (`sync_updated_at`, or the webhook's time), epoch ms. */
  updatedAt?: number | undefined;
  /** For `error` and `fail`: why, in words a customer can act on. */
  reason?: string | undefined;
}
