import {
  CONNECTION_HEALTH_STATES,
  type ConnectionHealth,
  type ConnectionHealthState,
  SyncStatus,
} from '@makini-kit/core';

/** Story controls that fill the fake health source (`fixedSource`) a story's widget reads. */
export interface HealthControls {
  /** The connection's health state. */
  state?: ConnectionHealthState;
  /** Why it needs reconnecting or was disconnected (and why its sync failed). */
  reason?: string;
  /** Share of recent calls that failed, 0 to 1 (shown when `degraded`). */
  errorRate?: number;
  /** Minutes since the last successful call; empty for never. */
  lastSyncMinutesAgo?: number;
  /** Makini's sync status (`health.sync`), or `none` when none was reported. */
  syncStatus?: SyncStatus | 'none';
}

/** The names of the health controls, to keep them off the widget's own props. */
export const HEALTH_CONTROLS = [
  'state',
  'reason',
  'errorRate',
  'lastSyncMinutesAgo',
  'syncStatus',
] as const satisfies ReadonlyArray<keyof HealthControls>;

const category = { table: { category: 'fake health source' } };

/** The controls' `argTypes`: selects for the states, a slider for the error rate. */
export const healthArgTypes = {
  state: { control: 'select', options: CONNECTION_HEALTH_STATES, ...category },
  reason: { control: 'text', ...category },
  errorRate: { control: { type: 'range', min: 0, max: 1, step: 0.01 }, ...category },
  lastSyncMinutesAgo: { control: { type: 'number', min: 0 }, ...category },
  syncStatus: { control: 'select', options: ['none', ...Object.values(SyncStatus)], ...category },
} as const;

const MINUTE = 60_000;

/** What the controls put in the health source for one connection, timed from `now`. */
export function healthEntry(
  controls: HealthControls,
  now: number = Date.now(),
): Partial<ConnectionHealth> {
  const { state = 'unknown', reason, errorRate = 0, lastSyncMinutesAgo, syncStatus } = controls;
  const entry: Partial<ConnectionHealth> = { state, since: now, errorRate, samples: 41 };
  if (reason) entry.reason = reason;
  if (lastSyncMinutesAgo !== undefined) entry.lastSuccessAt = now - lastSyncMinutesAgo * MINUTE;
  if (syncStatus && syncStatus !== 'none') {
    entry.sync = {
      status: syncStatus,
      updatedAt: now - (lastSyncMinutesAgo ?? 1) * MINUTE,
      ...(reason ? { reason } : {}),
    };
  }
  return entry;
}
