import { createRemoteHealthSource } from '@makini-kit/core';
import { ConnectionStatus, MakiniProvider, ReconnectButton } from '@makini-kit/react';
import '@makini-kit/react/styles.css';
import { useEffect, useState } from 'react';
import { exchangeOnServer } from './exchangeOnServer';
import { link } from './link';

const health = createRemoteHealthSource({ url: '/api/health' });

export function App() {
  const [connections, setConnections] = useState<
    Array<{ id: string; name: string; platform?: string }>
  >([]);
  useEffect(() => {
    void fetch('/api/connections')
      .then((response) => response.json())
      .then(setConnections);
  }, []);
  return (
    <MakiniProvider health={health} link={link}>
      <h1>Connections</h1>
      {connections.map(({ id, name, platform }) => (
        <section key={id} data-connection={id}>
          <h2>{name}</h2>
          <ConnectionStatus connectionId={id} variant="card" />
          {/* `platform` opens Link on the connection's own system, so the customer repairs it. */}
          <ReconnectButton
            connectionId={id}
            {...(platform ? { platform } : {})}
            onSuccess={({ code }) => exchangeOnServer(code, id)}
          />
        </section>
      ))}
    </MakiniProvider>
  );
}
