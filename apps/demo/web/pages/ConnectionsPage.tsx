import {
  ConnectionList,
  type ConnectionListItem,
  type ConnectOutcome,
  outcomeText,
  type ReconnectOutcome,
  SyncStatus,
  useMessages,
} from '@makini-kit/react';
import { useState } from 'react';
import { api, type DemoConnection } from '../api.js';
import { exchangeCode } from '../exchange.js';

interface Notice {
  /** Counts up, so that the same outcome twice is announced twice. */
  id: number;
  type: ReconnectOutcome['type'] | ConnectOutcome['type'];
  text: string;
}

/**
 * The customer's connections: `<ConnectionList>` (status, last sync, Reconnect, Disconnect,
 * "Connect a new system"), how each reconnect ended in words, and each connection's sync.
 */
export function ConnectionsPage({
  connections,
  error,
  onRetry,
  onChange,
}: {
  connections: DemoConnection[] | undefined;
  error: unknown;
  onRetry: () => void;
  onChange: () => void;
}) {
  const messages = useMessages();
  const [notice, setNotice] = useState<Notice>();
  const nameOf = (key: string | undefined) =>
    connections?.find((connection) => connection.key === key)?.name;

  const show = (outcome: ReconnectOutcome | ConnectOutcome, name?: string) => {
    // A new system has no text of its own in the widgets' messages: the app says it.
    const said =
      outcome.type === 'connected'
        ? `${nameOf(outcome.connectionId) ?? 'The new system'} is connected.`
        : outcomeText(outcome, messages);
    setNotice((last) => ({
      id: (last?.id ?? 0) + 1,
      type: outcome.type,
      text: `${name ? `${name}: ` : ''}${said}`,
    }));
    if (outcome.type === 'connected' || outcome.type === 'reconnected') onChange();
  };

  const reconnect = {
    exchange: exchangeCode,
    onResult: (outcome: ReconnectOutcome, connection?: ConnectionListItem) =>
      show(outcome, connection?.name ?? nameOf(outcome.connectionId)),
  };
  const items = connections?.map(
    (connection): ConnectionListItem => ({
      id: connection.key,
      name: connection.name,
      platform: connection.platform,
      ...(connection.system ? { system: connection.system } : {}),
    }),
  );

  return (
    <section aria-labelledby="connections-title">
      <h1 id="connections-title">Connections</h1>
      <p className="lead">Your customers' industrial systems, connected through Makini.</p>
      <p role="status" className="outcome" data-outcome={notice?.type}>
        {notice ? <span key={notice.id}>{notice.text}</span> : null}
      </p>
      <ConnectionList
        className="connection-list"
        connections={items}
        error={error}
        onRetry={onRetry}
        onDisconnect={async (connection) => {
          await api(`/api/connections/${encodeURIComponent(connection.id)}`, {
            method: 'DELETE',
          });
          onChange();
        }}
        reconnect={reconnect}
        connect={{
          exchange: ({ code }) => exchangeCode({ code }),
          onResult: (outcome) => show(outcome),
        }}
      />
      {connections && connections.length > 0 ? (
        <>
          <h2>Sync</h2>
          <ul className="sync-details">
            {connections.map((connection) => (
              <li key={connection.key} data-sync-of={connection.key}>
                <strong>{connection.name}</strong>
                <SyncStatus
                  connectionId={connection.key}
                  variant="card"
                  reconnect={{
                    platform: connection.platform,
                    exchange: exchangeCode,
                    onResult: (outcome) => show(outcome, connection.name),
                  }}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
