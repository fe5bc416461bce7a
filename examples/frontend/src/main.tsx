import { LinkCallback } from '@makini-kit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { exchangeOnServer } from './exchangeOnServer';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// Link comes back to /link/callback: in a popup it hands the code to the button and closes; after
// a full-page redirect (a blocked popup) it exchanges the code here.
createRoot(root).render(
  <StrictMode>
    {window.location.pathname === '/link/callback' ? (
      <LinkCallback onComplete={({ code, connectionId }) => exchangeOnServer(code, connectionId)} />
    ) : (
      <App />
    )}
  </StrictMode>,
);
