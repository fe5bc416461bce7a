import { createRemoteHealthSource } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState } from 'react';
import { ConnectionStatus } from './ConnectionStatus.js';
import { ReconnectButton } from './ReconnectButton.js';

// The page's query may name other services (`?sandbox=…&backend=…&connection=…`): the static
// build's test serves them on free ports.
const query = new URLSearchParams(window.location.search);

interface AgainstTheSandboxProps {
  /** The sandbox that plays Makini Link. */
  sandboxUrl: string;
  /** The miniature host back end: health, code exchange and the credential rotation. */
  backendUrl: string;
  /** The sandbox connection to break and reconnect. */
  connectionId: string;
}

/**
 * The real popup flow against a running sandbox: start it with
 * `pnpm --filter @makini-kit/react reconnect-backend` (sandbox on :4020, a miniature host back end
 * on :4021), rotate the customer's credentials, watch the status turn red, reconnect in the popup
 * with the new password, and watch it turn green. The same flow runs as an automated test in
 * Chromium: `src/reconnect.browser.test.tsx`.
 */
const meta = {
  title: 'Reconnect flow (sandbox)',
  component: ReconnectAgainstSandbox,
  args: {
    sandboxUrl: query.get('sandbox') ?? 'http://127.0.0.1:4020',
    backendUrl: query.get('backend') ?? 'http://127.0.0.1:4021',
    connectionId: query.get('connection') ?? '09000000000001',
  },
  // Needs the services above, so it is not part of the automated story run.
  tags: ['!test', '!autodocs'],
} satisfies Meta<typeof ReconnectAgainstSandbox>;
export default meta;

function ReconnectAgainstSandbox({ sandboxUrl, backendUrl, connectionId }: AgainstTheSandboxProps) {
  const health = useMemo(
    () => createRemoteHealthSource({ url: `${backendUrl}/health` }),
    [backendUrl],
  );
  const [credentials, setCredentials] = useState<string>();
  const redirectUri = `${window.location.origin}/link/callback`;
  return (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: 520 }}>
      <ConnectionStatus connectionId={connectionId} health={health} variant="card" />
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button
          type="button"
          onClick={async () => {
            const response = await fetch(`${backendUrl}/rotate`, { method: 'POST' });
            const rotated = (await response.json()) as { username: string; password: string };
            setCredentials(`${rotated.username} / ${rotated.password}`);
          }}
        >
          Rotate credentials
        </button>
        <ReconnectButton
          connectionId={connectionId}
          // Confirms the reconnect: the outcome is `reconnected` once the status shows it working.
          health={health}
          link={{ clientId: 'sandbox_client', redirectUri, linkUrl: sandboxUrl }}
          exchange={async ({ code }) => {
            await fetch(`${backendUrl}/exchange`, {
              method: 'POST',
              body: JSON.stringify({ code, redirectUri }),
            });
          }}
        />
      </div>
      {credentials ? <p>New credentials: {credentials}</p> : null}
    </div>
  );
}

export const AgainstTheSandbox: StoryObj<typeof meta> = {};
