import { MakiniProvider } from '@makini-kit/react';
import { makiniServer } from '../lib/MakiniServer';
import { ConnectionRow } from './ConnectionRow';

// Read per request: the page shows the connections' health as it is now.
export const dynamic = 'force-dynamic';

/**
 * A Server Component: lists the connections with the client credentials and reads their health
 * on the server, so the first HTML already says the real state. The browser gets names and health,
 * never a token.
 */
export default async function ConnectionsPage() {
  const server = makiniServer();
  const connections = await server.connections();
  const { clientId, appUrl, makiniUrl } = server.config;
  return (
    <main>
      <h1>Connections</h1>
      <MakiniProvider
        healthUrl="/api/makini/health"
        initialHealth={server.monitor.getSnapshot()}
        link={{ clientId, redirectUri: `${appUrl}/link/callback`, linkUrl: makiniUrl }}
      >
        <ul className="connections">
          {connections.map((connection) => (
            <li key={connection.key} data-connection={connection.key}>
              <h2>{connection.name ?? connection.key}</h2>
              {connection.integration_name ? <p>{connection.integration_name}</p> : null}
              <ConnectionRow connectionId={connection.key} />
            </li>
          ))}
        </ul>
      </MakiniProvider>
    </main>
  );
}
