import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LinkCallback, ReconnectButton } from '../src/index.js';
import { BACKEND_KEY } from './backendKey.js';

// A host app's two Link pages, for the browser tests and Storybook: its connections page (a
// reconnect button in redirect mode) and its callback page. The back end that exchanges codes is
// named in the connections page's query (`backend`) and remembered for this tab.

function ConnectionsPage() {
  const query = new URLSearchParams(window.location.search);
  const backend = query.get('backend');
  if (backend) window.sessionStorage.setItem(BACKEND_KEY, backend);
  return (
    <ReconnectButton
      connectionId={query.get('connection') ?? ''}
      mode="redirect"
      link={{
        clientId: 'sandbox_client',
        redirectUri: `${window.location.origin}/link/callback`,
        linkUrl: query.get('linkUrl') ?? '',
      }}
    />
  );
}

function CallbackPage() {
  return (
    <LinkCallback
      onComplete={async ({ code, state, connectionId, token }) => {
        const backend = window.sessionStorage.getItem(BACKEND_KEY);
        const redirectUri = `${window.location.origin}/link/callback`;
        // Link started on a reconnect link's page: the link is redeemed with the exchange.
        const response = token
          ? await fetch(`${backend}/reconnect-links/exchange`, {
              method: 'POST',
              body: JSON.stringify({ code, state, connectionId, token, redirectUri }),
            })
          : await fetch(`${backend}/exchange`, {
              method: 'POST',
              body: JSON.stringify({ code, redirectUri }),
            });
        if (!response.ok) throw new Error(`the back end refused the code: ${response.status}`);
        return token ? await response.json() : undefined;
      }}
    />
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {window.location.pathname === '/link/app' ? <ConnectionsPage /> : <CallbackPage />}
    </StrictMode>,
  );
}
