import '@makini-kit/react/styles.css';
import './app.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { LinkCallbackPage } from './pages/LinkCallbackPage.js';
import { ReconnectLinkPage } from './pages/ReconnectLinkPage.js';

const root = createRoot(document.getElementById('root') as HTMLElement);
const { pathname } = window.location;
root.render(
  pathname === '/link/callback' ? (
    <LinkCallbackPage />
  ) : pathname === '/reconnect' ? (
    <ReconnectLinkPage />
  ) : (
    <App />
  ),
);
