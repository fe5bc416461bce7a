import { createRemoteHealthSource } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useState } from 'react';
import { ConnectionStatus } from './ConnectionStatus.js';
import { ReconnectButton } from './ReconnectButton.js';

const SANDBOX = 'http://127.0.0.1:4020';
const BACKEND = 'http://127.0.0.1:4021';
const CONNECTION = '09000000000001';

/**
 * The real popup flow against a running sandbox: start it with
 * `pnpm --filter @makini-kit/react reconnect-backend` (sandbox on :4020, a miniature host back end
 * on :4021), rotate the customer's credentials, watch the status turn red, reconnect in the popup
 * with the new password, and watch it turn green. The same flow runs as an automated test in
 * Chromium: `src/reconnect.browser.test.tsx`.
 */
const meta = {
  title: 'Reconnect flow (sandbox)',
  // Needs the services above, so it is not part of the automated story run.
  tags: ['!test', '!autodocs'],
} satisfies Meta;
export default meta;

function ReconnectAgainstSandbox() {
  const health = useMemo(() => createRemoteHealthSource({ url: `${BACKEND}/health` }), []);
  const [credentials, setCredentials] = useState<string>();
  const redirectUri = `${window.location.origin}/link/callback`;
  return (
    <div style={{ display: 'grid', gap: '1rem', maxWidth: 520 }}>
      <ConnectionStatus connectionId={CONNECTION} health={health} variant="card" />
      <div style={{ display: 'flex', gap: '0.5rem' }}>
        <button
          type="button"
          onClick={async () => {
            const response = await fetch(`${BACKEND}/rotate`, { method: 'POST' });
            const rotated = (await response.json()) as { username: string; password: string };
            setCredentials(`${rotated.username} / ${rotated.password}`);
          }}
        >
          Rotate credentials
        </button>
        <ReconnectButton
          connectionId={CONNECTION}
          link={{ clientId: 'sandbox_client', redirectUri, linkUrl: SANDBOX }}
          onSuccess={async ({ code }) => {
            await fetch(`${BACKEND}/exchange`, {
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

export const AgainstTheSandbox: StoryObj = { render: () => <ReconnectAgainstSandbox /> };
