import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LinkCallback, ReconnectButton } from '../src/index.js';

// A host app's two Link pages, for the browser tests and Storybook: its connections page (a
// reconnect button in redirect mode) and its callback page. The back end that exchanges codes is
// named in the connections page's query (`backend`) and remembered for this tab.
const BACKEND_KEY = 'makini-test:backend';

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
      onComplete={async ({ code }) => {
        const backend = window.sessionStorage.getItem(BACKEND_KEY);
        const response = await fetch(`${backend}/exchange`, {
          method: 'POST',
          body: JSON.stringify({ code, redirectUri: `${window.location.origin}/link/callback` }),
        });
        if (!response.ok) throw new Error(`the back end refused the code: ${response.status}`);
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
