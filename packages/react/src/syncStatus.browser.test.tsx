import { createRemoteHealthSource } from '@makini-kit/core';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { en } from './messages/en.js';
import { SyncStatus } from './SyncStatus.js';

afterEach(() => cleanup());

/** Calls the test back end's sync routes (test/syncStatusRoutes.ts). */
async function backend<T>(path: string, body: Record<string, unknown> = {}): Promise<T> {
  const { backendUrl } = inject('reconnect');
  const response = await fetch(`${backendUrl}/sync-status/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

describe('<SyncStatus> in Chromium, following the sandbox through a real monitor', () => {
  it('shows a sync running and ending, a failed sync after a rotation with Reconnect, and the sync after reconnecting', async () => {
    const { sandboxUrl, backendUrl } = inject('reconnect');
    const redirectUri = `${window.location.origin}/link/callback`;
    await commands.registerRedirectUri(redirectUri);
    const { connectionKey } = await backend<{ connectionKey: string }>('connection');
    const health = createRemoteHealthSource({ url: `${backendUrl}/health` });
    const screen = render(
      <SyncStatus
        connectionId={connectionKey}
        health={health}
        variant="card"
        reconnect={{
          link: { clientId: 'sandbox_client', redirectUri, linkUrl: sandboxUrl },
          onSuccess: async ({ code }) => {
            await fetch(`${backendUrl}/exchange`, {
              method: 'POST',
              body: JSON.stringify({ code, redirectUri }),
            });
          },
        }}
      />,
    );
    const status = () => screen.getByRole('status');
    const state = () => status().getAttribute('data-state');
    // A connection's first sync ends fulldone.
    await expect.poll(state, { timeout: 10_000 }).toBe('fulldone');
    expect(status().textContent).toContain(en.sync.states.fulldone);

    // Held in progress until the test ends it.
    await backend('syncs', { connectionKey, durationMs: 600_000 });
    await expect.poll(state, { timeout: 10_000 }).toBe('inprogress');
    expect(status().textContent).toContain(en.sync.states.inprogress);
    expect(status().textContent).toContain('Updated now');
    await backend('syncs', { connectionKey, outcome: 'done', durationMs: 0 });
    await expect.poll(state, { timeout: 10_000 }).toBe('done');
    expect(status().textContent).toContain(en.sync.states.done);
    expect(screen.queryByRole('button')).toBeNull();

    // The customer changes the system password: the next sync fails, and the way out is Reconnect.
    const credentials = await backend<{ username: string; password: string }>('rotate', {
      connectionKey,
    });
    await expect.poll(state, { timeout: 10_000 }).toBe('fail');
    expect(status().textContent).toContain(en.sync.states.fail);
    expect(status().textContent).toMatch(/rejected the saved credentials/);
    const button = screen.getByRole('button', { name: en.sync.actions.fail });
    expect(button.getAttribute('data-makini')).toBe('reconnect-button');

    button.click();
    await commands.completeConsent(credentials);
    // Reconnecting runs a sync again, which ends done.
    await expect.poll(state, { timeout: 10_000 }).toBe('done');
    expect(screen.queryByRole('button')).toBeNull();
    health.close();
  });
});
