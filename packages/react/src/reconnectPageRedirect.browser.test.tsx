import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { en } from './index.js';
import type { ReconnectOutcome } from './reconnect/ReconnectOutcome.js';

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
  it('reports the reconnect on return, not "already used", and redeemed the link once', async () => {
    const connection = await post<{ connectionId: string }>('seed', {});
    const credentials = await commands.rotateCredentials(connection.connectionId);
    const { token } = await post<{ token: string }>('mint', {
      connectionId: connection.connectionId,
    });
    const { root } = await linkPage(token);

    root()?.querySelector('button')?.click();
    expect(outcomes()).toEqual([
      { type: 'popup_blocked', connectionId: connection.connectionId, fallback: 'redirect' },
    ]);
    await commands.completeConsent(
      { username: 'read-only', password: credentials.password },
      'redirect',
    );

    // The callback page exchanged the code with the link's token, and the frame came back to the
    // link's page, which confirms from the exchange's answer.
    await expect.poll(() => root()?.dataset.state, { timeout: 15_000 }).toBe('returned');
    await expect.poll(() => outcomes().length, { timeout: 10_000 }).toBe(2);
    expect(outcomes()[1]).toMatchObject({
      type: 'reconnected',
      connectionId: connection.connectionId,
      confirmedBy: 'exchange',
      health: { state: 'healthy' },
    });
    expect(root()?.dataset.outcome).toBe('reconnected');
    expect(root()?.querySelector('[data-makini="reconnect-page-outcome"]')?.textContent).toBe(
      en.outcomes.reconnected,
    );
    expect(root()?.querySelector('[role="alert"]')).toBeNull();
    expect(root()?.querySelector('button')).toBeNull();

    // The link is used: another tab (no return of its own) is refused.
    sessionStorage.clear();
    await expect(post('verify', { token })).rejects.toThrow(/410/);
  });

  it('checks the link again when the return is for another link', async () => {
    const connection = await post<{ connectionId: string }>('seed', {});
    const used = await post<{ token: string }>('mint', { connectionId: connection.connectionId });
    const fresh = await post<{ token: string }>('mint', { connectionId: connection.connectionId });
    sessionStorage.setItem(
      'makini-link:returned',
      JSON.stringify({ token: used.token, connectionId: connection.connectionId, at: Date.now() }),
    );
    const { root } = await linkPage(fresh.token);
    expect(root()?.querySelector('button')?.textContent).toBe(en.reconnectPage.start);
  });
});
