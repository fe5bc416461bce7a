import type { ReconnectOutcome } from '@makini-kit/core';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { en, ReconnectPage } from './index.js';

// The commands are declared in reconnect.browser.test.tsx.

afterEach(() => cleanup());

/** A call to the test back end's reconnect-link routes; a refusal rejects with its `code`. */
async function post<T>(path: string, body: unknown): Promise<T> {
  const { backendUrl } = inject('reconnect');
  const response = await fetch(`${backendUrl}/reconnect-links/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { code?: string; error?: string };
  if (!response.ok) {
    throw Object.assign(new Error(answer.error ?? `refused: ${answer.code}`), {
      code: answer.code,
    });
  }
  return answer;
}

const seed = () => post<{ connectionId: string; username: string; system: string }>('seed', {});
const mint = (connectionId: string, ttlMs?: number) =>
  post<{ token: string; url: string }>('mint', { connectionId, ttlMs });

/** The page as a host app renders it, with its back end behind `verify` and `exchange`. */
function renderPage(
  token: string,
  options: { expectConnection?: string; onResult?: (outcome: ReconnectOutcome) => void } = {},
) {
  const { sandboxUrl } = inject('reconnect');
  const redirectUri = `${window.location.origin}/link/callback`;
  return render(
    <ReconnectPage
      token={token}
      link={{ clientId: 'sandbox_client', redirectUri, linkUrl: sandboxUrl }}
      verify={(given) => post('verify', { token: given, connectionId: options.expectConnection })}
      exchange={(result) => post('exchange', { ...result, redirectUri })}
      {...(options.onResult ? { onResult: options.onResult } : {})}
    />,
  );
}

const pageState = (screen: ReturnType<typeof render>) =>
  screen.container.querySelector('[data-makini="reconnect-page"]')?.getAttribute('data-state');

describe('<ReconnectPage> in Chromium against the sandbox', () => {
  it('reconnects a broken connection through a valid link, and refuses the link a second time', async () => {
    await commands.registerRedirectUri(`${window.location.origin}/link/callback`);
    const connection = await seed();
    const credentials = await commands.rotateCredentials(connection.connectionId);
    const { token } = await mint(connection.connectionId);

    const outcomes: ReconnectOutcome[] = [];
    const screen = renderPage(token, { onResult: (outcome) => outcomes.push(outcome) });
    const button = await screen.findByRole('button', { name: en.reconnectPage.start });
    expect(screen.getByText(en.reconnectPage.intro(connection.system))).toBeTruthy();
    button.click();
    // The consent page is bound to the connection: only the password is typed.
    await commands.completeConsent({
      username: 'ignored: read-only',
      password: credentials.password,
    });

    await expect.poll(() => outcomes.map((outcome) => outcome.type)).toEqual(['reconnected']);
    expect(outcomes[0]).toMatchObject({
      type: 'reconnected',
      connectionId: connection.connectionId,
      confirmedBy: 'exchange',
      health: { state: 'healthy' },
    });
    await expect
      .poll(
        () => screen.container.querySelector('[data-makini="reconnect-page-outcome"]')?.textContent,
      )
      .toBe(en.outcomes.reconnected);
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();

    const again = renderPage(token);
    await expect.poll(() => pageState(again)).toBe('refused');
    expect(again.getByRole('alert').textContent).toContain(en.reconnectPage.refused.LINK_USED);
    expect(again.getByRole('alert').textContent).toContain(en.reconnectPage.refusedHelp);
    expect(again.queryByRole('button')).toBeNull();
  });

  it('refuses an expired, an altered and an other-connection link with their texts and no button', async () => {
    const first = await seed();
    const second = await seed();
    const expired = await mint(first.connectionId, 1);
    const valid = await mint(first.connectionId);
    const [payload = '', signature = ''] = valid.token.split('.');
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const cases = [
      { token: expired.token, code: 'LINK_EXPIRED' },
      { token: `${payload}.${flipped}`, code: 'LINK_INVALID' },
      { token: valid.token, expectConnection: second.connectionId, code: 'LINK_WRONG_CONNECTION' },
    ] as const;
    for (const refused of cases) {
      const screen = renderPage(
        refused.token,
        'expectConnection' in refused ? { expectConnection: refused.expectConnection } : {},
      );
      await expect.poll(() => pageState(screen)).toBe('refused');
      const alert = screen.getByRole('alert');
      expect(alert.getAttribute('data-refusal')).toBe(refused.code);
      const root = screen.container.querySelector('[data-makini="reconnect-page"]');
      expect(root?.getAttribute('data-refusal')).toBe(refused.code);
      expect(alert.textContent).toContain(en.reconnectPage.refused[refused.code]);
      expect(screen.queryByRole('button')).toBeNull();
      cleanup();
    }
    // None of them used the link up.
    const screen = renderPage(valid.token);
    await screen.findByRole('button', { name: en.reconnectPage.start });
  });

  it('refuses a page opened without a token', async () => {
    const screen = render(
      <ReconnectPage
        verify={() => Promise.reject(new Error('not called'))}
        exchange={() => Promise.resolve()}
      />,
    );
    await expect.poll(() => pageState(screen)).toBe('refused');
    expect(screen.getByRole('alert').textContent).toContain(en.reconnectPage.refused.LINK_INVALID);
  });
});
