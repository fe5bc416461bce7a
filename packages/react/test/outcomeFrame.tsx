import { createRoot } from 'react-dom/client';
import { ReconnectButton, type ReconnectOutcome } from '../src/index.js';

// A host app's connections page in a frame of the outcome test: a ReconnectButton whose outcomes
// go straight to the test page (same origin) as they happen, before a redirect can leave.
const query = new URLSearchParams(window.location.search);
const parent = window.parent as Window & { makiniOutcomes?: ReconnectOutcome[] };

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ReconnectButton
      connectionId={query.get('connection') ?? ''}
      popupBlocked={query.get('popupBlocked') === 'offer' ? 'offer' : 'redirect'}
      // Popup mode needs an exchange up front; these runs leave for a redirect before any code.
      exchange={async () => {}}
      link={{
        clientId: 'sandbox_client',
        redirectUri: `${window.location.origin}/link/callback`,
        linkUrl: query.get('linkUrl') ?? '',
      }}
      onResult={(outcome) => {
        parent.makiniOutcomes ??= [];
        parent.makiniOutcomes.push(outcome);
      }}
    />,
  );
}
