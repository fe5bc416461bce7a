import { createRemoteHealthSource } from '@makini-kit/core';
import { render } from '@testing-library/react';
import { describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { ConnectionStatus, ReconnectButton } from './index.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    rotateCredentials: (connectionKey: string) => Promise<{ username: string; password: string }>;
    registerRedirectUri: (redirectUri: string) => Promise<void>;
    completeConsent: (credentials: { username: string; password: string }) => Promise<void>;
  }
}

describe('the whole reconnect, in Chromium against the sandbox', () => {
  it('turns red when the credentials change, runs Link in a popup, and turns green', async () => {
    const { sandboxUrl, backendUrl, connectionKey } = inject('reconnect');
    const redirectUri = `${window.location.origin}/link/callback`;
    await commands.registerRedirectUri(redirectUri);
    const health = createRemoteHealthSource({ url: `${backendUrl}/health` });
    const screen = render(
      <>
        <ConnectionStatus connectionId={connectionKey} health={health} variant="card" />
        <ReconnectButton
          connectionId={connectionKey}
          link={{ clientId: 'sandbox_client', redirectUri, linkUrl: sandboxUrl }}
          onSuccess={async ({ code }) => {
            await fetch(`${backendUrl}/exchange`, {
              method: 'POST',
              body: JSON.stringify({ code, redirectUri }),
            });
          }}
        />
      </>,
    );
    const status = () => screen.getByRole('status').getAttribute('data-state');
    await expect.poll(status, { timeout: 10_000 }).toBe('healthy');

    const credentials = await commands.rotateCredentials(connectionKey);
    await expect.poll(status, { timeout: 10_000 }).toBe('reauthorization_required');

    screen.getByRole('button', { name: 'Reconnect' }).click();
    await commands.completeConsent(credentials);
    await expect
      .poll(() => screen.getByRole('button').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('success');
    await expect.poll(status, { timeout: 10_000 }).toBe('healthy');
    health.close();
  });
});
