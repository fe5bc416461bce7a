import { createRemoteHealthSource } from '@makini-kit/core';
import { isLinkCallbackMessage } from '@makini-kit/core/internal';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { ConnectionStatus, ReconnectButton } from './index.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    rotateCredentials: (connectionKey: string) => Promise<{ username: string; password: string }>;
    registerRedirectUri: (redirectUri: string) => Promise<void>;
    completeConsent: (
      credentials: { username: string; password: string },
      mode?: 'popup' | 'redirect',
    ) => Promise<void>;
  }
}

afterEach(() => cleanup());

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
          health={health}
          link={{ clientId: 'sandbox_client', redirectUri, linkUrl: sandboxUrl }}
          exchange={async ({ code }) => {
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

  it('in redirect mode, exchanges the code in the app window even when that window has an opener', async () => {
    const { sandboxUrl, backendUrl, connectionKey } = inject('reconnect');
    await commands.registerRedirectUri(`${window.location.origin}/link/callback`);
    const health = createRemoteHealthSource({ url: `${backendUrl}/health` });
    const screen = render(<ConnectionStatus connectionId={connectionKey} health={health} />);
    const status = () => screen.getByRole('status').getAttribute('data-state');
    const posted: unknown[] = [];
    const onMessage = (event: MessageEvent) => {
      if (isLinkCallbackMessage(event.data)) posted.push(event.data);
    };
    window.addEventListener('message', onMessage);
    await expect.poll(status, { timeout: 10_000 }).toBe('healthy');
    const credentials = await commands.rotateCredentials(connectionKey);
    await expect.poll(status, { timeout: 10_000 }).toBe('reauthorization_required');

    // The host app in a window this page opened (so it has an opener), reconnecting by redirect.
    const query = new URLSearchParams({
      connection: connectionKey,
      linkUrl: sandboxUrl,
      backend: backendUrl,
    });
    const app = window.open(`/link/app?${query}`, 'makini-app');
    if (!app) throw new Error('the app window did not open');
    try {
      const button = () => app.document?.querySelector<HTMLButtonElement>('button');
      // A window of its own loads its modules afresh: slow on a loaded machine.
      await expect.poll(() => button()?.textContent, { timeout: 30_000 }).toBe('Reconnect');
      button()?.click();
      await commands.completeConsent(credentials, 'redirect');

      // The callback page exchanged the code itself and went back to the app page, rather than
      // handing the code to this page and closing.
      const where = () => (app.closed ? 'closed' : app.location.pathname);
      await expect.poll(where, { timeout: 10_000 }).toBe('/link/app');
      expect(posted).toEqual([]);
      await expect.poll(status, { timeout: 10_000 }).toBe('healthy');
    } finally {
      window.removeEventListener('message', onMessage);
      app.close();
      health.close();
    }
  });
});
