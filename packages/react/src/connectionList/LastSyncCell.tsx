import type { HealthSource } from '@makini-kit/core';
import { useMessages } from '../messages/useMessages.js';
import { formatRelativeTime } from '../relativeTime.js';
import { SyncStatusParts } from '../syncStatus/SyncStatusParts.js';
import { syncStatusText } from '../syncStatus/syncStatusText.js';
import { useConnectionHealth } from '../useConnectionHealth.js';
import { useNow } from '../useNow.js';

export interface LastSyncCellProps {
  connectionId: string;
  health: HealthSource | undefined;
  locale: string;
}

/**
 * `<SyncStatus>`'s texts, compact, for the list's "Last sync" column: the sync status and its time
 * (and the reason for `error`/`fail`), or the last successful call when the health source reports
 * no sync. No button of its own (the row's Reconnect is the action) and no live region (the row's
 * status already announces changes).
 */
export function LastSyncCell({ connectionId, health: source, locale }: LastSyncCellProps) {
  const messages = useMessages();
  const health = useConnectionHealth(connectionId, source);
  const at = health.sync?.updatedAt ?? health.lastSuccessAt;
  const now = useNow(at !== undefined, at);
  const text = syncStatusText(health, messages, now, locale);
  const fallback =
    !health.sync && health.lastSuccessAt !== undefined
      ? messages.status.lastSync(formatRelativeTime(health.lastSuccessAt, now, locale))
      : undefined;
  return (
    <span data-makini="sync-status" data-variant="inline" data-state={text.state}>
      {fallback ? (
        <span data-part="updated" suppressHydrationWarning>
          {fallback}
        </span>
      ) : (
        <SyncStatusParts text={text} />
      )}
    </span>
  );
}
