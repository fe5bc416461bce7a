import { PENDING_LINK_KEY } from '@makini-kit/core/internal';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectButton } from './ReconnectButton.js';
import { fixedSource } from './testSource.js';
import type { ReconnectEvent } from './useReconnect.js';

const link = {
  clientId: 'client_1',
  redirectUri: 'https://app.example/link/callback',
  linkUrl: 'https://link.example',
};

/** The browser's window.open, replaced so the test can see the URL and act as the popup. */
function stubPopup(blocked = false) {
  const popup = { closed: false, close: vi.fn(() => (popup.closed = true)) };
  const opened: string[] = [];
  vi.spyOn(window, 'open').mockImplementation((url) => {
    opened.push(String(url));
    return blocked ? null : (popup as unknown as Window);
  });
  return {
    popup,
    opened,
    state: () => new URL(opened[0] ?? 'http://x').searchParams.get('state') ?? '',
  };
}

const post = (data: unknown, origin: string) =>
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin }));
  });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('ReconnectButton', () => {
  it('is a real button that opens Link in a popup inside the click, with a fresh state', () => {
    const { opened } = stubPopup();
    render(
      <ReconnectButton connectionId="c1" link={link} platform="sap-s4hana" exchange={vi.fn()} />,
    );
    const button = screen.getByRole('button', { name: 'Reconnect' });
    expect(button.getAttribute('type')).toBe('button');
    fireEvent.click(button);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? '');
    expect(url.origin + url.pathname).toBe('https://link.example/oauth/authorize');
    expect(url.searchParams.get('platform')).toBe('sap-s4hana');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(button.dataset.state).toBe('waiting');
    expect(button.getAttribute('aria-busy')).toBe('true');
  });

  it("accepts the callback only from the redirect URI's origin with the expected state", async () => {
    const { popup, state } = stubPopup();
    const onSuccess = vi.fn();
    const events: ReconnectEvent[] = [];
    const health = fixedSource({ c1: { state: 'reauthorization_required' } });
    render(
      <ReconnectButton
        connectionId="c1"
        link={link}
        health={health}
        onSuccess={onSuccess}
        onEvent={(event) => events.push(event)}
      />,
    );
    fireEvent.click(screen.getByRole('button'));
    post(
      { source: 'makini-link', search: `?code=stolen&state=${state()}` },
      'https://evil.example',
    );
    post({ source: 'makini-link', search: '?code=forged&state=wrong' }, 'https://app.example');
    post({ hello: 'world' }, 'https://app.example');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(
      events
        .filter((event) => event.type === 'message_rejected')
        .map((event) => (event as { reason: string }).reason),
    ).toEqual(['origin', 'state', 'shape']);
    post({ source: 'makini-link', search: `?code=good&state=${state()}` }, 'https://app.example');
    await act(async () => {});
    expect(onSuccess).toHaveBeenCalledWith({ code: 'good', state: state(), connectionId: 'c1' });
    expect(popup.close).toHaveBeenCalled();
    // A code is not a reconnect: the health source has to show the connection working.
    expect(screen.getByRole('button').dataset.state).toBe('confirming');
    act(() => health.set({ c1: { state: 'healthy' } }));
    expect(screen.getByRole('button').dataset.state).toBe('success');
  });

  it('shows exchanging while onSuccess runs, and error when it fails', async () => {
    const { state } = stubPopup();
    let finish: (value?: unknown) => void = () => {};
    const onError = vi.fn();
    render(
      <ReconnectButton
        connectionId="c1"
        link={link}
        onSuccess={() => new Promise((_, reject) => (finish = reject))}
        onError={onError}
      />,
    );
    fireEvent.click(screen.getByRole('button'));
    post({ source: 'makini-link', search: `?code=c&state=${state()}` }, 'https://app.example');
    expect(screen.getByRole('button').dataset.state).toBe('exchanging');
    await act(async () => finish(new Error('exchange failed')));
    expect(screen.getByRole('button').dataset.state).toBe('error');
    expect(onError).toHaveBeenCalled();
  });

  it('reports a popup closed by the customer through onExit', () => {
    const { popup } = stubPopup();
    const onExit = vi.fn();
    render(<ReconnectButton connectionId="c1" link={link} onExit={onExit} exchange={vi.fn()} />);
    fireEvent.click(screen.getByRole('button'));
    popup.closed = true;
    act(() => {
      vi.advanceTimersByTime(500);
    });
    expect(onExit).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1500);
    });
    expect(onExit).toHaveBeenCalledWith('closed');
    expect(screen.getByRole('button').dataset.state).toBe('idle');
  });

  it('still takes the callback message that arrives just after the popup closed itself', async () => {
    const { popup, state } = stubPopup();
    const onSuccess = vi.fn();
    const onExit = vi.fn();
    render(<ReconnectButton connectionId="c1" link={link} onSuccess={onSuccess} onExit={onExit} />);
    fireEvent.click(screen.getByRole('button'));
    popup.closed = true;
    act(() => {
      vi.advanceTimersByTime(500);
    });
    post({ source: 'makini-link', search: `?code=late&state=${state()}` }, 'https://app.example');
    await act(async () => {
      vi.advanceTimersByTime(2000);
    });
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ code: 'late' }));
    expect(onExit).not.toHaveBeenCalled();
  });

  it('treats a cancelled consent as an exit, not an error', () => {
    const { state } = stubPopup();
    const onExit = vi.fn();
    const onError = vi.fn();
    render(
      <ReconnectButton
        connectionId="c1"
        link={link}
        onExit={onExit}
        onError={onError}
        exchange={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button'));
    post(
      { source: 'makini-link', search: `?error=access_denied&state=${state()}` },
      'https://app.example',
    );
    expect(onExit).toHaveBeenCalledWith('access_denied');
    expect(onError).not.toHaveBeenCalled();
  });

  it('falls back to a full-page redirect when the popup is blocked', () => {
    stubPopup(true);
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({
      ...window.location,
      href: 'https://app.example/connections',
      assign,
    } as Location);
    const events: ReconnectEvent[] = [];
    render(
      <ReconnectButton
        connectionId="c1"
        link={link}
        onEvent={(event) => events.push(event)}
        exchange={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(events.map((event) => event.type)).toEqual(['popup_blocked', 'open']);
    expect(assign).toHaveBeenCalledWith(
      expect.stringMatching(/^https:\/\/link\.example\/oauth\/authorize\?/),
    );
    const pending = JSON.parse(sessionStorage.getItem(PENDING_LINK_KEY) ?? '{}');
    expect(pending).toMatchObject({
      connectionId: 'c1',
      returnTo: 'https://app.example/connections',
    });
    expect(new URL(assign.mock.calls[0]?.[0]).searchParams.get('state')).toBe(pending.state);
  });

  it("runs the consumer's onClick first, which may preventDefault", () => {
    const { opened } = stubPopup();
    render(
      <ReconnectButton connectionId="c1" link={link} onClick={(event) => event.preventDefault()} />,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(opened).toHaveLength(0);
  });

  it('fails clearly without Link settings', () => {
    const onError = vi.fn();
    render(<ReconnectButton connectionId="c1" onError={onError} />);
    fireEvent.click(screen.getByRole('button'));
    expect(String(onError.mock.calls[0]?.[0]?.message)).toMatch(/Pass `link`/);
  });
});
