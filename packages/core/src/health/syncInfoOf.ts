import { isSyncStatus } from '../models/Integration.js';
import type { WebhookEvent } from '../models/WebhookEvent.js';
import { cutHealthText } from './cutHealthText.js';
import type { SyncInfo } from './SyncInfo.js';

/**
 * A time Makini sent, no later than `now`: a time in the future (Makini's clock ahead, or a time
 * without a zone read as local time) would outrank every later report, and other replicas refuse
 * a time past their clock's margin.
 */
const parseTime = (value: unknown, now: number): number | undefined => {
  if (typeof value !== 'string' || value === '') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.min(at, now);
};

/** The sync an `integrations.current` answer reports; none when `sync_status` is not one Makini documents. */
export function syncFromIntegration(
  integration: {
    sync_status?: string | null | undefined;
    sync_updated_at?: string | null | undefined;
  },
  now: number,
): SyncInfo | undefined {
  if (!isSyncStatus(integration.sync_status)) return undefined;
  const updatedAt = parseTime(integration.sync_updated_at, now);
  return { status: integration.sync_status, ...(updatedAt === undefined ? {} : { updatedAt }) };
}

/**
 * The sync a webhook event reports: `sync.completed` (`done` unless it names `fulldone`),
 * `sync.failed` (`error` unless it names `fail`, with the error's message as the reason), and a
 * `connection.status_changed` that carries a `sync_status` (progress). `undefined` for any other.
 */
export function syncFromEvent(event: WebhookEvent, now: number): SyncInfo | undefined {
  const data = event.data as Record<string, unknown>;
  const status = data.sync_status;
  switch (event.type) {
    case 'sync.completed':
      return {
        status: status === 'fulldone' ? 'fulldone' : 'done',
        updatedAt:
          parseTime(event.data.completed_at, now) ?? parseTime(event.created_at, now) ?? now,
      };
    case 'sync.failed': {
      const reason = event.data.error?.message;
      return {
        status: status === 'fail' ? 'fail' : 'error',
        updatedAt: parseTime(event.created_at, now) ?? now,
        ...(typeof reason === 'string' && reason ? { reason: cutHealthText(reason) } : {}),
      };
    }
    case 'connection.status_changed':
      return isSyncStatus(status)
        ? { status, updatedAt: parseTime(event.created_at, now) ?? now }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The later of two reports of one connection's sync: a poll answered before a webhook arrived
 * must not undo what the webhook said. A report without a time counts as the latest.
 */
export function laterSync(current: SyncInfo | undefined, next: SyncInfo | undefined) {
  if (!next) return current;
  if (!current || next.updatedAt === undefined || current.updatedAt === undefined) return next;
  return next.updatedAt >= current.updatedAt ? next : current;
}
