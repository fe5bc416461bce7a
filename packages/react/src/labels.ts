import { enStatus } from './messages/en.js';
import type { Messages } from './messages/Messages.js';

/** `<ConnectionStatus>`'s texts: the `status` part of `Messages`. Pass `labels` to reword any of them. */
export type StatusLabels = Messages['status'];

/** English status texts, `en.status`. */
export const DEFAULT_LABELS: StatusLabels = enStatus;

/**
 * `labels` laid over `base` (the provider's language), so a partial `labels` rewords only what it
 * names and the rest stays in the page's language.
 * @default base en.status
 */
export function mergeLabels(
  labels: Partial<StatusLabels> | undefined,
  base: StatusLabels = DEFAULT_LABELS,
): StatusLabels {
  if (!labels) return base;
  return { ...base, ...labels, states: { ...base.states, ...labels.states } };
}
