import type { ReconnectOutcome } from '@makini-kit/core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { en } from './index.js';

// The link's page runs in a window of its own (the consent page refuses to load in a frame) whose
// browser blocks popups (`blockPopups`: `window.open` answers null, as a blocked popup does), so the
// page continues in that window, through the consent and callback pages and back.
const { sandboxUrl, backendUrl } = inject('reconnect');
const redirectUri = `${window.location.origin}/link/callback`;

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${backendUrl}/reconnect-links/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

const outcomes = () => (window as { makiniOutcomes?: ReconnectOutcome[] }).makiniOutcomes ?? [];
const windows: Window[] = [];

/** The page a reconnect link opens, in a window of its own that can leave for Link and come back. */
async function linkPage(token: string) {
  const query = new URLSearchParams({
    page: 'reconnect',
    blockPopups: '1',
    token,
    linkUrl: sandboxUrl,
    backend: backendUrl,
  });
  const app = window.open(`/link/outcomes?${query}`, 'makini-reconnect-link');
  if (!app) throw new Error('the reconnect link did not open');
  windows.push(app);
  const root = () =>
    app.closed
      ? undefined
      : app.document?.querySelector<HTMLElement>('[data-makini="reconnect-page"]');
  // A window of its own loads its modules afresh: slow on a loaded machine.
  await expect.poll(() => root()?.dataset.state, { timeout: 30_000 }).toBe('ready');
  return { app, root };
}

beforeAll(() => commands.registerRedirectUri(redirectUri));
afterEach(() => {
  for (const app of windows.splice(0)) app.close();
  (window as { makiniOutcomes?: ReconnectOutcome[] }).makiniOutcomes = [];
  sessionStorage.clear();
});

describe('<ReconnectPage> when the popup is blocked: the redirect there and back', () => {
  it('reports the reconnect on return, not "already used", once: a reload says used', async () => {
    const connection = await post<{ connectionId: string }>('seed', {});
    const credentials = await commands.rotateCredentials(connection.connectionId);
    const { token } = await post<{ token: string }>('mint', {
      connectionId: connection.connectionId,
    });
    const { app, root } = await linkPage(token);

    root()?.querySelector('button')?.click();
    expect(outcomes()).toEqual([
      { type: 'popup_blocked', connectionId: connection.connectionId, fallback: 'redirect' },
    ]);
    await commands.completeConsent(
      { username: 'read-only', password: credentials.password },
      'redirect',
    );

    // The callback page exchanged the code with the link's token (the back end redeemed the link),
    // and the window came back to the link's page, which confirms from the exchange's answer.
    await expect.poll(() => root()?.dataset.state, { timeout: 15_000 }).toBe('returned');
    await expect.poll(() => outcomes().length, { timeout: 10_000 }).toBe(2);
    expect(outcomes()[1]).toMatchObject({
      type: 'reconnected',
      connectionId: connection.connectionId,
      confirmedBy: 'exchange',
      health: { state: 'healthy' },
    });
    // The outcome was told in the same task as React was asked to show it: wait for the render.
    await expect.poll(() => root()?.dataset.outcome).toBe('reconnected');
    expect(root()?.querySelector('[data-makini="reconnect-page-outcome"]')?.textContent).toBe(
      en.outcomes.reconnected,
    );
    expect(root()?.querySelector('[role="alert"]')).toBeNull();
    expect(root()?.querySelector('button')).toBeNull();

    await expect(post('verify', { token })).rejects.toThrow(/410/);

    // The return was reported once: a reload checks the link again, and it is used.
    app.location.reload();
    await expect.poll(() => root()?.dataset.refusal, { timeout: 30_000 }).toBe('LINK_USED');
    expect(outcomes()).toHaveLength(2);
  });

  it('offers the link again when a return names it but the link was not used', async () => {
    // A callback whose exchange did not redeem the link (one that ignores `token`) still returns.
    const connection = await post<{ connectionId: string }>('seed', {});
    const { token } = await post<{ token: string }>('mint', {
      connectionId: connection.connectionId,
    });
    const record = { token, connectionId: connection.connectionId, at: Date.now() };
    // The new window starts with a copy of this tab's session storage.
    sessionStorage.setItem('makini-link:returned', JSON.stringify(record));
    const { app, root } = await linkPage(token);
    expect(root()?.querySelector('button')?.textContent).toBe(en.reconnectPage.start);
    expect(outcomes()).toEqual([]);
    // The return did reach the page: verify said the link is good, so it was not taken.
    expect(JSON.parse(app.sessionStorage.getItem('makini-link:returned') ?? '{}')).toEqual(record);
  });
});
