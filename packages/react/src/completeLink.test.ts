import { afterEach, describe, expect, it, vi } from 'vitest';
import { completeLink } from './completeLink.js';
import { PENDING_LINK_KEY } from './linkMessages.js';

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

function pageAt(search: string, opener: Window | null) {
  const close = vi.fn();
  const location = new URL(`https://app.example/link/callback${search}`);
  return {
    close,
    win: { opener, location, close, sessionStorage } as unknown as Window,
  };
}

describe('completeLink', () => {
  it('in a popup, posts the callback to the opener on its own origin only, and closes', () => {
    const postMessage = vi.fn();
    const { win, close } = pageAt('?code=abc&state=s1', {
      closed: false,
      postMessage,
    } as unknown as Window);
    expect(completeLink(win)).toEqual({ mode: 'popup' });
    expect(postMessage).toHaveBeenCalledWith(
      { source: 'makini-link', search: '?code=abc&state=s1' },
      'https://app.example',
    );
    expect(close).toHaveBeenCalled();
  });

  it('after a redirect, checks the saved state and returns the code and where to go back', () => {
    sessionStorage.setItem(
      PENDING_LINK_KEY,
      JSON.stringify({ state: 's1', connectionId: 'c1', returnTo: '/connections' }),
    );
    const { win } = pageAt('?code=abc&state=s1', null);
    expect(completeLink(win)).toEqual({
      mode: 'redirect',
      code: 'abc',
      state: 's1',
      connectionId: 'c1',
      returnTo: '/connections',
    });
    expect(sessionStorage.getItem(PENDING_LINK_KEY)).toBeNull();
  });

  it('after a redirect, refuses a callback whose state was not saved here', () => {
    sessionStorage.setItem(
      PENDING_LINK_KEY,
      JSON.stringify({ state: 's1', connectionId: 'c1', returnTo: '/' }),
    );
    expect(() => completeLink(pageAt('?code=abc&state=other', null).win)).toThrow(/another state/);
    expect(() => completeLink(pageAt('?code=abc&state=s1', null).win)).toThrow(/another state/);
  });
});
