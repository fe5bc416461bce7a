import { type SyncStatus, WebhookEventType } from '@makini-kit/core';
import type { WebhookSender } from '../webhooks/WebhookSender.js';
import { type SandboxConnection, statusOf } from './ConnectionRegistry.js';

/** How a simulated sync ends. */
export type SandboxSyncOutcome = Exclude<SyncStatus, 'inprogress'>;

export const SANDBOX_SYNC_OUTCOMES: readonly SandboxSyncOutcome[] = [
  'done',
  'fulldone',
  'error',
  'fail',
];

/** A sync the sandbox started: what `admin.startSync` returns. */
export interface SandboxSync {
  /** The connection it syncs. */
  connectionKey: string;
  /** `inprogress` while it runs; the outcome once it ended (at once with `syncDurationMs: 0`). */
  status: SyncStatus;
  /** When it started, epoch ms on the sandbox clock. */
  startedAt: number;
  /** When it ends (or ended), epoch ms on the sandbox clock. */
  endsAt: number;
}

interface SyncRunnerOptions {
  durationMs: number;
  now: () => number;
  webhooks: WebhookSender;
  /** The live connection of a key: one deleted meanwhile ends no sync. */
  lookup: (key: string) => SandboxConnection | undefined;
  changed: () => void;
}

/** The sync status `/api/integrations/current` reports; connections kept from before syncs were simulated derive it. */
export function syncStatusOf(connection: SandboxConnection): SyncStatus {
  return connection.syncStatus ?? (connection.needsReauthorization ? 'fail' : 'done');
}

/**
 * Makini's syncs, simulated per connection: `inprogress` for `durationMs` (announced with a
 * `connection.status_changed` carrying `sync_status`), then the outcome with `sync.completed` or
 * `sync.failed`. Unless told, the outcome is decided when the sync ends: `fail` when the
 * credentials stopped working meanwhile, `fulldone` for a connection's first sync, else `done`.
 * A sync started while one runs replaces it.
 */
export class SyncRunner {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly options: SyncRunnerOptions) {}

  start(
    connection: SandboxConnection,
    outcome?: SandboxSyncOutcome,
    durationMs = this.options.durationMs,
  ): SandboxSync {
    this.stop(connection.key);
    const startedAt = this.options.now();
    if (durationMs === 0) {
      const status = this.finish(connection, outcome);
      return { connectionKey: connection.key, status, startedAt, endsAt: startedAt };
    }
    const previous = statusOf(connection);
    connection.syncStatus = 'inprogress';
    connection.syncReason = undefined;
    connection.syncUpdatedAt = startedAt;
    this.options.webhooks.emit(WebhookEventType.CONNECTION_STATUS_CHANGED, connection.key, {
      previous_status: previous,
      status: 'syncing',
      sync_status: 'inprogress',
    });
    this.options.changed();
    const timer = setTimeout(() => {
      this.timers.delete(connection.key);
      const live = this.options.lookup(connection.key);
      if (live) this.finish(live, outcome);
    }, durationMs);
    // A sync under way never keeps a test's process alive.
    timer.unref?.();
    this.timers.set(connection.key, timer);
    return {
      connectionKey: connection.key,
      status: 'inprogress',
      startedAt,
      endsAt: startedAt + durationMs,
    };
  }

  private finish(connection: SandboxConnection, outcome?: SandboxSyncOutcome): SandboxSyncOutcome {
    const status =
      outcome ??
      (connection.needsReauthorization ? 'fail' : connection.syncs === 0 ? 'fulldone' : 'done');
    const at = this.options.now();
    connection.syncStatus = status;
    connection.syncUpdatedAt = at;
    if (status === 'done' || status === 'fulldone') {
      connection.syncReason = undefined;
      connection.syncs = (connection.syncs ?? 0) + 1;
      this.options.webhooks.emit(WebhookEventType.SYNC_COMPLETED, connection.key, {
        sync_status: status,
        completed_at: new Date(at).toISOString(),
        records: connection.orders.count,
      });
    } else {
      const error =
        status === 'fail'
          ? {
              code: 'REAUTHORIZATION_REQUIRED',
              message: `${connection.platform.name} rejected the saved credentials; reconnect to resume syncing.`,
            }
          : {
              code: 'UPSTREAM_ERROR',
              message: `${connection.platform.name} did not answer in time; the next sync retries.`,
            };
      connection.syncReason = error.message;
      this.options.webhooks.emit(WebhookEventType.SYNC_FAILED, connection.key, {
        sync_status: status,
        error,
      });
    }
    this.options.changed();
    return status;
  }

  /** Drops a connection's running sync without an outcome. */
  stop(connectionKey: string): void {
    const timer = this.timers.get(connectionKey);
    if (timer) clearTimeout(timer);
    this.timers.delete(connectionKey);
  }

  /** Drops every running sync (reset, close). */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
