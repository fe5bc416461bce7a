import type { ConnectionHealthState } from '@makini-kit/core';

/** Every text the widgets show; pass `labels` to translate or reword any of them. */
export interface StatusLabels {
  states: Record<ConnectionHealthState, string>;
  /** "Last synced {time}". */
  lastSync: (relativeTime: string) => string;
  /** "{percent} of recent calls failed". */
  errorRate: (percent: string) => string;
  never: string;
}

export const DEFAULT_LABELS: StatusLabels = {
  states: {
    healthy: 'Connected',
    syncing: 'Syncing',
    degraded: 'Degraded',
    reauthorization_required: 'Reconnect required',
    disconnected: 'Disconnected',
    unknown: 'Checking…',
  },
  lastSync: (time) => `Last synced ${time}`,
  errorRate: (percent) => `${percent} of recent calls failed`,
  never: 'Not synced yet',
};

export function mergeLabels(labels: Partial<StatusLabels> | undefined): StatusLabels {
  if (!labels) return DEFAULT_LABELS;
  return { ...DEFAULT_LABELS, ...labels, states: { ...DEFAULT_LABELS.states, ...labels.states } };
}
