import { type ButtonHTMLAttributes, forwardRef, type MouseEvent, type ReactNode } from 'react';
import { type ReconnectOptions, type ReconnectState, useReconnect } from './useReconnect.js';

export interface ReconnectButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onError' | 'type' | 'children'>,
    ReconnectOptions {
  connectionId: string;
  /** The label; or a function of the state. @default "Reconnect" */
  children?: ReactNode | ((state: ReconnectState) => ReactNode);
}

const DEFAULT_LABELS: Record<ReconnectState, string> = {
  idle: 'Reconnect',
  opening: 'Opening…',
  waiting: 'Waiting for sign-in…',
  exchanging: 'Reconnecting…',
  success: 'Reconnected',
  error: 'Try again',
};

/**
 * A real `<button type="button">` that runs Makini Link again for a connection, in a popup (or a
 * full-page redirect). Your `onClick` runs first and may `preventDefault()`. `aria-busy` and
 * `data-state` follow the flow; `onSuccess` receives the code for your back end to exchange.
 *
 * @example
 * <ReconnectButton connectionId={id} onSuccess={({ code, state }) => api.post('/link/exchange', { code, state, connectionId: id })} />
 */
export const ReconnectButton = forwardRef<HTMLButtonElement, ReconnectButtonProps>(
  function ReconnectButton(
    {
      connectionId,
      link,
      mode,
      onSuccess,
      onError,
      onExit,
      onEvent,
      platform,
      loginHint,
      onClick,
      children,
      disabled,
      ...rest
    },
    ref,
  ) {
    const reconnect = useReconnect(connectionId, {
      ...(link ? { link } : {}),
      ...(mode ? { mode } : {}),
      ...(onSuccess ? { onSuccess } : {}),
      ...(onError ? { onError } : {}),
      ...(onExit ? { onExit } : {}),
      ...(onEvent ? { onEvent } : {}),
      ...(platform ? { platform } : {}),
      ...(loginHint ? { loginHint } : {}),
    });
    const busy =
      reconnect.state === 'opening' ||
      reconnect.state === 'waiting' ||
      reconnect.state === 'exchanging';
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
        data-makini="reconnect-button"
        onClick={handleClick}
      >
        {typeof children === 'function'
          ? children(reconnect.state)
          : (children ?? DEFAULT_LABELS[reconnect.state])}
      </button>
    );
  },
);
