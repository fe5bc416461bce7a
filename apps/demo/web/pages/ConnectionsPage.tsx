import { ConnectionStatus, ReconnectButton, useReconnect } from '@makini-kit/react';
import { api, type DemoConnection } from '../api.js';

const exchange =
  (connectionId: string) =>
  async ({ code }: { code: string }) => {
    await api('/api/link/exchange', {
      method: 'POST',
      body: JSON.stringify({ code, connectionId }),
    });
  };

export function ConnectionsPage({
  connections,
  onChange,
}: {
  connections: DemoConnection[];
  onChange: () => void;
}) {
  const connectNew = useReconnect('new', {
    onSuccess: async ({ code }) => {
      await api('/api/link/exchange', { method: 'POST', body: JSON.stringify({ code }) });
      onChange();
    },
  });
  return (
    <section aria-labelledby="connections-title">
      <div className="section-head">
        <h1 id="connections-title">Connections</h1>
        <button
          type="button"
          className="secondary"
          onClick={connectNew.start}
          data-state={connectNew.state}
        >
          Connect a new system
        </button>
      </div>
      <p className="lead">Your customers' industrial systems, connected through Makini.</p>
      <ul className="connections">
        {connections.map((connection) => (
          <li key={connection.key} data-connection={connection.key}>
            <div className="connection-name">
              <strong>{connection.name}</strong>
              <span className="muted">{connection.platform}</span>
            </div>
            <ConnectionStatus connectionId={connection.key} variant="card" />
            <ReconnectButton
              connectionId={connection.key}
              platform={connection.platform}
              onSuccess={exchange(connection.key)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
