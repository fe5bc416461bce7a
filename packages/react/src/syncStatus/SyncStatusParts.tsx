import type { SyncStatusText } from './syncStatusText.js';

/**
 * The inside of a sync status: indicator, label, time and reason. The time moves on by itself
 * every half minute: `aria-live="off"`, so a live region around it does not announce each step.
 */
export function SyncStatusParts({ text }: { text: SyncStatusText }) {
  return (
    <>
      <span data-part="indicator" aria-hidden="true" />
      <span data-part="label">{text.label}</span>
      {text.updated ? (
        <span data-part="updated" aria-live="off" suppressHydrationWarning>
          {text.updated}
        </span>
      ) : null}
      {text.reason ? <span data-part="reason">{text.reason}</span> : null}
    </>
  );
}
