import type { ConnectionHealthState } from '../models/ConnectionHealthState.js';

/** What one answer of `integrations.current` says about a connection. */
export type PollAnswer =
  | { state: Exclude<ConnectionHealthState, 'healthy'>; reason?: string | undefined }
  /** Synced: healthy unless calls fail too often; `syncedAt` when the answer dates the sync. */
  | { state: 'healthy'; syncedAt?: number | undefined };

/** Reads `sync_status` (`fail` means the platform credentials stopped working). */
export function readPollAnswer(integration: {
  sync_status?: string | null | undefined;
  sync_updated_at?: string | null | undefined;
}): PollAnswer {
  switch (integration.sync_status) {
    case 'fail':
      return {
        state: 'reauthorization_required',
        reason: 'The system credentials stopped working; reconnect to restore access.',
      };
    case 'inprogress':
      return { state: 'syncing' };
    case 'error':
      return { state: 'degraded', reason: 'The last sync ended with an error.' };
    default: {
      const syncedAt = integration.sync_updated_at
        ? Date.parse(integration.sync_updated_at)
        : Number.NaN;
      return { state: 'healthy', syncedAt: Number.isNaN(syncedAt) ? undefined : syncedAt };
    }
  }
}
