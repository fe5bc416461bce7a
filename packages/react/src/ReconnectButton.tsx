import { type ButtonHTMLAttributes, forwardRef, type MouseEvent, type ReactNode } from 'react';
import { defined } from './defined.js';
import { enReconnect } from './messages/en.js';
import { useTexts } from './messages/useTexts.js';
import { type ReconnectOptions, type ReconnectState, useReconnect } from './useReconnect.js';

/** What `<ReconnectButton>` takes: a `<button>`'s attributes and the `useReconnect` options. */
export interface ReconnectButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onError' | 'type' | 'children'>,
    ReconnectOptions {
  /** The connection to reconnect. */
  connectionId: string;
  /** The label; or a function of the state. @default messages.reconnect.states[state] */
  children?: ReactNode | ((state: ReconnectState) => ReactNode);
}

const BUSY: ReadonlySet<ReconnectState> = new Set([
  'opening',
  'waiting',
  'exchanging',
  'confirming',
]);

/**
 * A real `<button type="button">` that runs Makini Link again for a connection, in a popup (or a
 * full-page redirect). Your `onClick` runs first and may `preventDefault()`. `aria-busy`,
 * `data-state` and `data-outcome` follow the flow; `exchange` sends the code to your back end and
 * `onResult` receives exactly one outcome per click.
 *
 * @example
 * <ReconnectButton
 *   connectionId={id}
 *   exchange={({ code, state }) => api.post('/link/exchange', { code, state, connectionId: id })}
 *   onResult={(outcome) => toast(messages.outcomes[outcome.type])}
 * />
 */
export const ReconnectButton = /* @__PURE__ */ forwardRef<HTMLButtonElement, ReconnectButtonProps>(
  function ReconnectButton(
    {
      connectionId,
      link,
      mode,
      exchange,
      onSuccess,
      onResult,
      onError,
      onExit,
      onEvent,
      health,
      timeoutMs,
      confirmTimeoutMs,
      force,
      popupBlocked,
      bound,
      platform,
      loginHint,
      onClick,
      children,
      disabled,
      ...rest
    },
    ref,
  ) {
    const { texts } = useTexts('reconnect', enReconnect);
    const options: ReconnectOptions = defined({
      link,
      mode,
      exchange,
      onSuccess,
      onResult,
      onError,
      onExit,
      onEvent,
      health,
      timeoutMs,
      confirmTimeoutMs,
      force,
      popupBlocked,
      bound,
      platform,
      loginHint,
    });
    const reconnect = useReconnect(connectionId, options);
    const busy = BUSY.has(reconnect.state);
    const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
      onClick?.(event);
      if (event.defaultPrevented || busy) return;
      reconnect.start();
    };
    return (
      <button
        {...rest}
        ref={ref}
        type="button"
        disabled={disabled}
        aria-busy={busy}
        data-state={reconnect.state}
        data-outcome={reconnect.outcome?.type}
        data-makini="reconnect-button"
        onClick={handleClick}
      >
        {typeof children === 'function'
          ? children(reconnect.state)
          : (children ?? texts.states[reconnect.state])}
      </button>
    );
  },
);
