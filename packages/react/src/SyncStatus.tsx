import type { HealthSource } from '@makini-kit/core';
import { forwardRef, type HTMLAttributes } from 'react';
import { formatLocale } from './messages/formatLocale.js';
import { useMessages } from './messages/useMessages.js';
import { ReconnectButton } from './ReconnectButton.js';
import { SyncStatusParts } from './syncStatus/SyncStatusParts.js';
import { syncStatusText } from './syncStatus/syncStatusText.js';
import { useConnectionHealth } from './useConnectionHealth.js';
import { useNow } from './useNow.js';
import type { ReconnectOptions } from './useReconnect.js';

/** What `<SyncStatus>` takes, besides a `<div>`'s attributes. */
export interface SyncStatusProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The connection whose sync to show. */
  connectionId: string;
  /** Where its health (and `health.sync`) comes from. @default the provider's */
  health?: HealthSource;
  /** Formats the time only; the texts come from the provider's `messages`. @default messages.locale */
  locale?: string;
  /** `inline` sits in a row or a table cell; `card` stands on its own. @default 'inline' */
  variant?: 'inline' | 'card';
  /**
   * Options of the Reconnect button shown for `fail` (the system rejected the saved credentials):
   * `link`, `exchange`, `onResult`, ….
   * @default none: the provider's Link settings
   */
  reconnect?: ReconnectOptions;
  /**
   * The action for `error` (a sync that ended with an error and will be retried): for example,
   * fetch the health again. Without it no button is shown for `error`.
   */
  onRetry?: () => void;
}

/**
 * Makini's sync status of a connection (`inprogress`, `done`, `fulldone`, `error`, `fail`) with
 * the time it last changed, read from `health.sync`. One element with `role="status"`,
 * `aria-live="polite"` and `data-state` set to the status (`unknown` before one is known). For
 * `error` and `fail` it says why; `fail` offers a Reconnect button, `error` a retry when `onRetry`
 * is given.
 *
 * @example
 * <SyncStatus
 *   connectionId={connection.key}
 *   variant="card"
 *   reconnect={{ exchange: (result) => api.post('/link/exchange', result) }}
 * />
 */
export const SyncStatus = /* @__PURE__ */ forwardRef<HTMLDivElement, SyncStatusProps>(
  function SyncStatus(
    { connectionId, health: source, locale, variant = 'inline', reconnect, onRetry, ...rest },
    ref,
  ) {
    const health = useConnectionHealth(connectionId, source);
    const messages = useMessages();
    const now = useNow(health.sync?.updatedAt !== undefined, health.sync?.updatedAt);
    const text = syncStatusText(
      health,
      messages,
      now,
      formatLocale(locale, messages.locale, 'SyncStatus `locale`'),
    );

    let action = null;
    if (text.state === 'fail') {
      action = (
        <ReconnectButton connectionId={connectionId} {...reconnect}>
          {(state) =>
            state === 'idle' ? messages.sync.actions.fail : messages.reconnect.states[state]
          }
        </ReconnectButton>
      );
    } else if (text.state === 'error' && onRetry) {
      action = (
        <button type="button" data-makini="sync-retry" onClick={() => onRetry()}>
          {messages.sync.actions.error}
        </button>
      );
    }

    return (
      <div
        dir={messages.dir}
        {...rest}
        ref={ref}
        role="status"
        aria-live="polite"
        data-state={text.state}
        data-variant={variant}
        data-makini="sync-status"
      >
        <SyncStatusParts text={text} />
        {action ? <span data-part="action">{action}</span> : null}
      </div>
    );
  },
);
