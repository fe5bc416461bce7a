import type { HealthSource } from '@makini-kit/core';
import { forwardRef, type HTMLAttributes, useId, useRef } from 'react';
import { useAnnouncer } from './connectionList/Announcer.js';
import type { ConnectionListItem } from './connectionList/ConnectionListItem.js';
import { ConnectionRow } from './connectionList/ConnectionRow.js';
import { ConnectNewButton } from './connectionList/ConnectNewButton.js';
import { useDisconnect } from './connectionList/useDisconnect.js';
import { formatLocale as resolveLocale } from './messages/formatLocale.js';
import type { Messages } from './messages/Messages.js';
import { useMessages } from './messages/useMessages.js';
import type { ConnectOptions } from './useConnect.js';
import type { ReconnectOptions, ReconnectOutcome } from './useReconnect.js';

/**
 * `ReconnectOptions` for every row's Reconnect button; `onResult` also receives the row's
 * connection.
 */
export type ConnectionListReconnectOptions = Omit<ReconnectOptions, 'onResult'> & {
  /** How a row's reconnect ended, with the row's connection. */
  onResult?: (outcome: ReconnectOutcome, connection: ConnectionListItem) => void;
};

/** What `<ConnectionList>` takes, besides a `<div>`'s attributes. */
export interface ConnectionListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The customer's connections, as your back end lists them. `undefined` while they load. */
  connections: readonly ConnectionListItem[] | undefined;
  /** Loading them failed: shows the error state, with a Retry button when `onRetry` is given. */
  error?: unknown;
  /** Load the connections again (the error state's Retry button). */
  onRetry?: () => void;
  /**
   * Disconnects one (your back end calls `DELETE /api/system/connections/{id}`); reject to say it
   * failed. Without it there is no Disconnect button. The row goes away when it resolves, whether or
   * not `connections` changes.
   */
  onDisconnect?: (connection: ConnectionListItem) => Promise<void>;
  /**
   * Given to every row's `<ReconnectButton>`: Link settings, your code `exchange`, `onResult` (which
   * also gets the row's connection), …. The list's `health` is the default `health`.
   */
  reconnect?: ConnectionListReconnectOptions;
  /** Shows "Connect a new system" and runs this on click (open your own connect flow). */
  onConnectNew?: () => void;
  /**
   * Shows "Connect a new system" running Makini Link for a new system (`useConnect`): `exchange`
   * answers the new connection's key; `onResult` gets the outcome (add the connection to your list
   * when it is `connected`). Takes the place of `onConnectNew` when both are given.
   */
  connect?: ConnectOptions;
  /** @default the provider's */
  health?: HealthSource;
  /** Formatting locale for times and numbers. @default the messages' locale */
  locale?: string;
  /** Replaces some of the list's texts. @default the provider's messages, or English */
  labels?: Partial<Messages['list']>;
}

/**
 * A customer's connections in one accessible table: each row has the name and system, the live
 * status, the last sync, Reconnect (emphasised when the connection needs it) and Disconnect behind an
 * inline confirmation. Loading, empty and error states, "Connect a new system", and focus that lands
 * on the next row (or "Connect a new system") after a removal, announced in a polite live region.
 * It fetches nothing: pass `connections`; health comes from the health source.
 *
 * @example
 * <ConnectionList
 *   connections={connections}
 *   onDisconnect={(connection) => api.delete(`/connections/${connection.id}`)}
 *   reconnect={{ exchange: ({ code, state, connectionId }) => api.post('/link/exchange', { code, state, connectionId }) }}
 *   onConnectNew={() => navigate('/connect')}
 * />
 */
export const ConnectionList = /* @__PURE__ */ forwardRef<HTMLDivElement, ConnectionListProps>(
  function ConnectionList(
    {
      connections,
      error,
      onRetry,
      onDisconnect,
      reconnect,
      onConnectNew,
      connect,
      health,
      locale,
      labels,
      ...rest
    },
    ref,
  ) {
    const messages = useMessages();
    const text = labels ? { ...messages.list, ...labels } : messages.list;
    const formatLocale = resolveLocale(locale, messages.locale, 'ConnectionList `locale`');
    const id = useId();
    const { announce, region } = useAnnouncer();
    const connectNew = useRef<HTMLButtonElement>(null);
    const empty = useRef<HTMLParagraphElement>(null);
    const flow = useDisconnect({
      connections,
      onDisconnect,
      onDisconnected: (connection) => announce(text.disconnected(connection.name)),
    });
    const visible = flow.visible;
    flow.fallback.current = () => connectNew.current ?? empty.current;

    const state =
      error !== undefined
        ? 'error'
        : !visible
          ? 'loading'
          : visible.length === 0
            ? 'empty'
            : 'ready';
    // "Connect a new system" once the list is known: not while loading, nor beside an error.
    const offerConnect = state === 'ready' || state === 'empty';

    return (
      <div
        {...rest}
        ref={ref}
        dir={rest.dir ?? messages.dir}
        data-makini="connection-list"
        data-state={state}
        aria-busy={state === 'loading'}
      >
        <div data-part="header">
          <span id={`${id}-title`} data-part="title">
            {text.label}
          </span>
          {visible && state !== 'error' ? (
            <span data-part="count">{text.count(visible.length)}</span>
          ) : null}
          {!offerConnect ? null : connect ? (
            <ConnectNewButton ref={connectNew} options={connect} label={text.connectNew} />
          ) : onConnectNew ? (
            <button ref={connectNew} type="button" data-part="connect-new" onClick={onConnectNew}>
              {text.connectNew}
            </button>
          ) : null}
        </div>
        {state === 'error' ? (
          <div role="alert" data-part="error">
            <p>{text.error}</p>
            {onRetry ? (
              <button type="button" data-part="retry" onClick={onRetry}>
                {text.retry}
              </button>
            ) : null}
          </div>
        ) : state === 'loading' ? (
          <p role="status" data-part="loading">
            {text.loading}
          </p>
        ) : state === 'empty' ? (
          <p ref={empty} tabIndex={-1} data-part="empty">
            {text.empty}
          </p>
        ) : (
          <table aria-labelledby={`${id}-title`} data-part="table">
            <thead>
              <tr>
                <th scope="col">{text.columns.system}</th>
                <th scope="col">{text.columns.status}</th>
                <th scope="col">{text.columns.lastSync}</th>
                <th scope="col">{text.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {visible?.map((connection) => (
                <ConnectionRow
                  key={connection.id}
                  connection={connection}
                  text={text}
                  health={health}
                  locale={formatLocale}
                  reconnect={reconnect}
                  disconnect={onDisconnect ? flow : undefined}
                />
              ))}
            </tbody>
          </table>
        )}
        {region}
      </div>
    );
  },
);
