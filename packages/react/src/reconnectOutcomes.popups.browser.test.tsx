import { createRemoteHealthSource, errorFromResponse, MakiniError } from '@makini-kit/core';
import { PENDING_LINK_KEY } from '@makini-kit/core/internal';
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { ConnectionStatus, ReconnectButton, type ReconnectOutcome } from './index.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    openPages: () => Promise<number>;
    closeConsent: () => Promise<void>;
    cancelConsent: () => Promise<void>;
    consentQuery: () => Promise<Record<string, string>>;
  }
}

// Runs with Chromium's popup blocker on: a window opened outside a click is blocked, as for a
// customer. Every test reconnects a connection of its own, made by the test back end.
const { sandboxUrl, backendUrl } = inject('reconnect');
const redirectUri = `${window.location.origin}/link/callback`;
const link = { clientId: 'sandbox_client', redirectUri, linkUrl: sandboxUrl };

interface TestConnection {
  connectionKey: string;
  username: string;
  password: string;
}

const newConnection = async (): Promise<TestConnection> =>
  (await fetch(`${backendUrl}/outcomes/connection`, { method: 'POST' })).json();

/** The host app's exchange: its back end exchanges the code; a refusal becomes a typed error. */
const exchangeWith =
  (tamper: (code: string) => string = (code) => code) =>
  async ({ code }: { code: string }) => {
    const response = await fetch(`${backendUrl}/outcomes/exchange`, {
      method: 'POST',
      body: JSON.stringify({ code: tamper(code), redirectUri }),
    });
    const body = await response.json();
    if (!response.ok) throw errorFromResponse(response.status, response.headers, body, {});
    return body as { connectionId: string };
  };

const health = createRemoteHealthSource({ url: `${backendUrl}/health` });

function renderButton(
  props: Partial<Parameters<typeof ReconnectButton>[0]> & { connectionId: string },
) {
  const outcomes: ReconnectOutcome[] = [];
  const screen = render(
    <>
      <ConnectionStatus connectionId={props.connectionId} health={health} />
      <ReconnectButton
        link={link}
        exchange={exchangeWith()}
        onResult={(outcome) => outcomes.push(outcome)}
        {...props}
      />
    </>,
  );
  const status = () => screen.getByRole('status').getAttribute('data-state');
  const button = () => screen.getByRole('button');
  return { screen, outcomes, status, button };
}

beforeAll(async () => {
  await commands.registerRedirectUri(redirectUri);
});
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

describe('reconnect outcomes in Chromium against the sandbox', () => {
  it('reconnected: a click opens the bound Link (not blocked), and the health stream confirms it', async () => {
    const connection = await newConnection();
    const { outcomes, status, button } = renderButton({
      connectionId: connection.connectionKey,
      health,
    });
    await expect.poll(status, { timeout: 10_000 }).toBe('healthy');
    const credentials = await commands.rotateCredentials(connection.connectionKey);
    await expect.poll(status, { timeout: 10_000 }).toBe('reauthorization_required');

    await userEvent.click(button());
    await expect.poll(() => button().dataset.state).toBe('waiting');
    expect(await commands.consentQuery()).toMatchObject({
      connection_id: connection.connectionKey,
    });
    await commands.completeConsent(credentials);
    await expect.poll(() => outcomes, { timeout: 15_000 }).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      type: 'reconnected',
      connectionId: connection.connectionKey,
      confirmedBy: 'health',
      health: { state: 'healthy' },
    });
    await expect.poll(() => button().dataset.state).toBe('success');
    await expect.poll(() => button().textContent).toBe('Reconnected');
  });

  it('already_healthy: checked in the click, nothing opens', async () => {
    const connection = await newConnection();
    const { outcomes, status, button } = renderButton({
      connectionId: connection.connectionKey,
      health,
    });
    await expect.poll(status, { timeout: 10_000 }).toBe('healthy');
    const before = await commands.openPages();
    await userEvent.click(button());
    expect(outcomes).toEqual([
      expect.objectContaining({ type: 'already_healthy', connectionId: connection.connectionKey }),
    ]);
    expect(await commands.openPages()).toBe(before);
  });

  it('cancelled: the customer closes the Link window', async () => {
    const connection = await newConnection();
    const { outcomes, button } = renderButton({
      connectionId: connection.connectionKey,
      force: true,
    });
    await userEvent.click(button());
    await commands.closeConsent();
    await expect
      .poll(() => outcomes, { timeout: 10_000 })
      .toEqual([{ type: 'cancelled', connectionId: connection.connectionKey, reason: 'closed' }]);
    await expect.poll(() => button().dataset.state).toBe('idle');
  });

  it('cancelled: the customer presses Cancel on the consent page', async () => {
    const connection = await newConnection();
    const { outcomes, button } = renderButton({
      connectionId: connection.connectionKey,
      force: true,
    });
    await userEvent.click(button());
    await commands.cancelConsent();
    await expect
      .poll(() => outcomes, { timeout: 10_000 })
      .toEqual([
        { type: 'cancelled', connectionId: connection.connectionKey, reason: 'access_denied' },
      ]);
  });

  it("popup_blocked: opened outside a click, the browser blocks it; 'offer' waits for the customer", async () => {
    const connection = await newConnection();
    const { outcomes, button } = renderButton({
      connectionId: connection.connectionKey,
      force: true,
      popupBlocked: 'offer',
    });
    const before = await commands.openPages();
    // A script's click carries no user activation: Chromium refuses the popup. An earlier test's
    // click leaves this page activated for a few seconds, so that must have run out first.
    await expect.poll(() => navigator.userActivation.isActive).toBe(false);
    button().click();
    await expect
      .poll(() => outcomes)
      .toEqual([
        { type: 'popup_blocked', connectionId: connection.connectionKey, fallback: 'offered' },
      ]);
    await expect.poll(() => button().dataset.state).toBe('blocked');
    await expect.poll(() => button().textContent).toBe('Continue in this tab');
    expect(await commands.openPages()).toBe(before);
    expect(sessionStorage.getItem(PENDING_LINK_KEY)).toBeNull();
  });

  it('timed_out: no sign-in within timeoutMs closes the Link window', async () => {
    const connection = await newConnection();
    const before = await commands.openPages();
    const { outcomes, button } = renderButton({
      connectionId: connection.connectionKey,
      force: true,
      timeoutMs: 2000,
    });
    await userEvent.click(button());
    await expect.poll(() => commands.openPages()).toBe(before + 1);
    await expect
      .poll(() => outcomes, { timeout: 10_000 })
      .toEqual([{ type: 'timed_out', connectionId: connection.connectionKey, phase: 'sign_in' }]);
    await expect.poll(() => commands.openPages()).toBe(before);
    await expect.poll(() => button().dataset.state).toBe('error');
  });

  it('failed: the back end cannot exchange the code; the outcome has the typed error and request id', async () => {
    const connection = await newConnection();
    const { outcomes, button } = renderButton({
      connectionId: connection.connectionKey,
      force: true,
      exchange: exchangeWith((code) => `${code}-tampered`),
    });
    await userEvent.click(button());
    await commands.completeConsent(connection);
    await expect.poll(() => outcomes, { timeout: 10_000 }).toHaveLength(1);
    const outcome = outcomes[0] as Extract<ReconnectOutcome, { type: 'failed' }>;
    expect(outcome).toMatchObject({ type: 'failed', code: 'invalid_grant' });
    expect(MakiniError.is(outcome.error)).toBe(true);
    expect(outcome.requestId).toMatch(/\S/);
    expect(outcome.requestId).toBe((outcome.error as MakiniError).requestId);
    await expect.poll(() => button().textContent).toBe('Try again');
  });
});

describe('popup_blocked with a full-page fallback, in a frame that can leave', () => {
  const outcomes = () => (window as { makiniOutcomes?: ReconnectOutcome[] }).makiniOutcomes ?? [];

  async function hostPage(connectionKey: string, popupBlocked: 'redirect' | 'offer') {
    (window as { makiniOutcomes?: ReconnectOutcome[] }).makiniOutcomes = [];
    const frame = document.createElement('iframe');
    frame.title = 'Host app';
    frame.src = `/link/outcomes?${new URLSearchParams({ connection: connectionKey, linkUrl: sandboxUrl, popupBlocked })}`;
    document.body.append(frame);
    const button = () => frame.contentDocument?.querySelector<HTMLButtonElement>('button');
    await expect.poll(() => button()?.textContent, { timeout: 10_000 }).toBe('Reconnect');
    // The frame's script clicks must carry no activation left from an earlier test's click.
    await expect.poll(() => navigator.userActivation.isActive).toBe(false);
    return { frame, button };
  }

  /** The frame's page has gone to Link: its document is no longer this origin's. */
  const left = (frame: HTMLIFrameElement) => {
    try {
      return frame.contentWindow?.location.pathname !== '/link/outcomes';
    } catch {
      return true;
    }
  };

  it("'redirect': reports the outcome before leaving, with the pending Link saved for the callback", async () => {
    const connection = await newConnection();
    const { frame, button } = await hostPage(connection.connectionKey, 'redirect');
    try {
      button()?.click();
      expect(outcomes()).toEqual([
        { type: 'popup_blocked', connectionId: connection.connectionKey, fallback: 'redirect' },
      ]);
      const pending = JSON.parse(sessionStorage.getItem(PENDING_LINK_KEY) ?? '{}');
      expect(pending).toMatchObject({ connectionId: connection.connectionKey });
      expect(pending.returnTo).toContain('/link/outcomes');
      await expect.poll(() => left(frame), { timeout: 10_000 }).toBe(true);
    } finally {
      frame.remove();
    }
  });

  it("'offer': stays on the page as blocked, and the next click continues in this tab", async () => {
    const connection = await newConnection();
    const { frame, button } = await hostPage(connection.connectionKey, 'offer');
    try {
      button()?.click();
      await expect.poll(() => button()?.dataset.state).toBe('blocked');
      expect(button()?.textContent).toBe('Continue in this tab');
      expect(outcomes()).toEqual([
        { type: 'popup_blocked', connectionId: connection.connectionKey, fallback: 'offered' },
      ]);
      expect(sessionStorage.getItem(PENDING_LINK_KEY)).toBeNull();
      expect(left(frame)).toBe(false);

      button()?.click();
      expect(outcomes()[1]).toEqual({
        type: 'popup_blocked',
        connectionId: connection.connectionKey,
        fallback: 'redirect',
      });
      expect(JSON.parse(sessionStorage.getItem(PENDING_LINK_KEY) ?? '{}')).toMatchObject({
        connectionId: connection.connectionKey,
      });
      await expect.poll(() => left(frame), { timeout: 10_000 }).toBe(true);
    } finally {
      frame.remove();
    }
  });
});
