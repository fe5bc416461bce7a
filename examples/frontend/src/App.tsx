import { createRemoteHealthSource } from '@makini-kit/core';
import { ConnectionStatus, MakiniProvider, ReconnectButton } from '@makini-kit/react';
import '@makini-kit/react/styles.css';
import { useEffect, useState } from 'react';
import { exchangeOnServer } from './exchangeOnServer';
import { link } from './link';

const health = createRemoteHealthSource({ url: '/api/health' });

export function App() {
  const [connections, setConnections] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    void fetch('/api/connections')
      .then((response) => response.json())
      .then(setConnections);
  }, []);
  return (
    <MakiniProvider health={health} link={link}>
      <h1>Connections</h1>
      {connections.map(({ id, name }) => (
        <section key={id} data-connection={id}>
          <h2>{name}</h2>
          <ConnectionStatus connectionId={id} variant="card" />
          <ReconnectButton connectionId={id} onSuccess={({ code }) => exchangeOnServer(code, id)} />
        </section>
      ))}
    </MakiniProvider>
  );
}
