import { createRoot } from 'react-dom/client';
import { ReconnectButton, type ReconnectOutcome, ReconnectPage } from '../src/index.js';
import { BACKEND_KEY } from './backendKey.js';

// A host app's page in a frame or a window of the outcome tests, so that a full-page redirect leaves
// it, not the test page. Its outcomes go straight to the test page (same origin) as they happen,
// before a redirect can leave: a connections page's ReconnectButton, or (`page=reconnect`) the page
// a reconnect link opens, whose back end (`backend`) the callback page also uses.
const query = new URLSearchParams(window.location.search);
// A browser that blocks this page's popups, where the test's runner cannot: a blocked popup is null.
if (query.get('blockPopups')) window.open = () => null;
const parent = (window.opener ?? window.parent) as Window & { makiniOutcomes?: ReconnectOutcome[] };
const link = {
  clientId: 'sandbox_client',
  redirectUri: `${window.location.origin}/link/callback`,
  linkUrl: query.get('linkUrl') ?? '',
};
const report = (outcome: ReconnectOutcome) => {
  parent.makiniOutcomes ??= [];
  parent.makiniOutcomes.push(outcome);
};

/** A call to the test back end's reconnect-link routes; a refusal rejects with its `code`. */
async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${query.get('backend')}/reconnect-links/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { code?: string };
  if (!response.ok) throw Object.assign(new Error(`refused: ${answer.code}`), answer);
  return answer;
}

function HostPage() {
  if (query.get('page') === 'reconnect') {
    window.sessionStorage.setItem(BACKEND_KEY, query.get('backend') ?? '');
    return (
      <ReconnectPage
        link={link}
        popupBlocked="redirect"
        verify={(token) => post('verify', { token })}
        exchange={(result) => post('exchange', { ...result, redirectUri: link.redirectUri })}
        onResult={report}
      />
    );
  }
  return (
    <ReconnectButton
      connectionId={query.get('connection') ?? ''}
      popupBlocked={query.get('popupBlocked') === 'offer' ? 'offer' : 'redirect'}
      // Popup mode needs an exchange up front; these runs leave for a redirect before any code.
      exchange={async () => {}}
      link={link}
      onResult={report}
    />
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<HostPage />);
