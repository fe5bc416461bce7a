import '@makini-kit/react/styles.css';
import './app.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { LinkCallbackPage } from './pages/LinkCallbackPage.js';

const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(window.location.pathname === '/link/callback' ? <LinkCallbackPage /> : <App />);
