import type { ConnectionHealth, HealthSource } from '@makini-kit/core';
import { forwardRef, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { DEFAULT_LABELS, mergeLabels, type StatusLabels } from './labels.js';
import { mergeOntoChild } from './mergeOntoChild.js';
import { formatLocale as resolveLocale } from './messages/formatLocale.js';
import { useTexts } from './messages/useTexts.js';
import { formatRelativeTime } from './relativeTime.js';
import { useConnectionHealth } from './useConnectionHealth.js';
import { useNow } from './useNow.js';

/** What a render prop receives. */
export interface ConnectionStatusRenderProps {
  /** The connection's health, as the source has it. */
  health: ConnectionHealth;
  /** The state's label, after `labels`. */
  label: string;
  /** "Last synced 5 minutes ago", or the "never" label. */
  lastSync: string;
  /** "12% of recent calls failed" when degraded by errors. */
  errorRate: string | undefined;
}

/** What `<ConnectionStatus>` takes, besides a `<div>`'s attributes. */
export interface ConnectionStatusProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The connection to show. */
  connectionId: string;
  /** Where its health comes from. @default the provider's */
  health?: HealthSource;
  /** `badge` (a pill), `inline` (a dot and text in a row) or `card` (with details). @default 'badge' */
  variant?: 'badge' | 'inline' | 'card';
  /** Rewords some texts; the rest come from the provider's `messages`. */
  labels?: Partial<StatusLabels>;
  /** For relative times and numbers only (texts come from `messages`). @default messages.locale */
  locale?: string;
  /** Render your own element; it receives role, aria-live and data-state. */
  asChild?: boolean;
  /** Full control over the content. */
  children?: ReactNode | ((props: ConnectionStatusRenderProps) => ReactNode);
}

/**
 * A connection's health for your customers: one element with `role="status"` and
 * `aria-live="polite"`, `data-state` set to the health state (style with it), a label per state, the
 * last successful sync, the error rate when degraded and the reason when it needs reconnecting.
 *
 * @example
 * <ConnectionStatus connectionId={connection.key} variant="card" />
 */
// Marked pure: `forwardRef` is a call at module level, which a bundler keeps unless told it is
// pure, and with it every widget in the same built file.
export const ConnectionStatus = /* @__PURE__ */ forwardRef<HTMLDivElement, ConnectionStatusProps>(
  function ConnectionStatus(
    { connectionId, health: source, variant = 'badge', labels, locale, asChild, children, ...rest },
    ref,
  ) {
    const health = useConnectionHealth(connectionId, source);
    const messages = useTexts('status', DEFAULT_LABELS);
    const text = mergeLabels(labels, messages.texts);
    const formatLocale = resolveLocale(locale, messages.locale, 'ConnectionStatus `locale`');
    const now = useNow(
      variant !== 'badge' && health.lastSuccessAt !== undefined,
      health.lastSuccessAt,
    );
    const label = text.states[health.state];
    const lastSync =
      health.lastSuccessAt !== undefined
        ? text.lastSync(formatRelativeTime(health.lastSuccessAt, now, formatLocale))
        : text.never;
    const errorRate =
      health.state === 'degraded' && health.samples > 0
        ? text.errorRate(
            new Intl.NumberFormat(formatLocale, { style: 'percent' }).format(health.errorRate),
          )
        : undefined;
    const detail =
      health.state === 'reauthorization_required' || health.state === 'disconnected'
        ? health.reason
        : errorRate;

    const content =
      typeof children === 'function' ? (
        children({ health, label, lastSync, errorRate })
      ) : children !== undefined ? (
        children
      ) : variant === 'badge' ? (
        <span data-part="label">{label}</span>
      ) : (
        <>
          <span data-part="indicator" aria-hidden="true" />
          <span data-part="label">{label}</span>
          {detail ? <span data-part="detail">{detail}</span> : null}
          <span data-part="last-sync" suppressHydrationWarning>
            {lastSync}
          </span>
        </>
      );

    const props = {
      dir: messages.dir,
      ...rest,
      role: 'status',
      'aria-live': 'polite' as const,
      'aria-atomic': true,
      'data-state': health.state,
      'data-variant': variant,
      'data-makini': 'connection-status',
      title:
        rest.title ??
        (variant === 'badge' ? [label, detail, lastSync].filter(Boolean).join(' · ') : undefined),
    };
    if (asChild) return mergeOntoChild(children, props, ref as Ref<HTMLElement>);
    return (
      <div {...props} ref={ref}>
        {content}
      </div>
    );
  },
);
