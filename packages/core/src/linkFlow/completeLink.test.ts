// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { completeLink } from './completeLink.js';
import { PENDING_LINK_KEY } from './linkMessages.js';

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

/** A window that opened this page: same origin (readable location) unless `origin` says otherwise. */
function openerAt(origin: string | 'cross-origin', closed = false) {
  const postMessage = vi.fn();
  const opener = {
    closed,
    postMessage,
    get location() {
      // What a browser does when a page reads a cross-origin window's location.
      if (origin === 'cross-origin') throw new DOMException('Blocked a frame', 'SecurityError');
      return new URL(`${origin}/connections`);
    },
  };
  return { opener: opener as unknown as Window, postMessage };
}

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
    const { opener, postMessage } = openerAt('https://app.example');
    const { win, close } = pageAt('?code=abc&state=s1', opener);
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

  it('in redirect mode, keeps the code in a window that has an opener of its own', () => {
    sessionStorage.setItem(
      PENDING_LINK_KEY,
      JSON.stringify({ state: 's1', connectionId: 'c1', returnTo: '/connections' }),
    );
    const { opener, postMessage } = openerAt('https://app.example');
    const { win, close } = pageAt('?code=abc&state=s1', opener);
    expect(completeLink(win)).toEqual({
      mode: 'redirect',
      code: 'abc',
      state: 's1',
      connectionId: 'c1',
      returnTo: '/connections',
    });
    expect(postMessage).not.toHaveBeenCalled();
    expect(close).not.toHaveBeenCalled();
  });

  it('never posts the callback to an opener on another origin, nor to a closed one', () => {
    for (const { opener, postMessage } of [
      openerAt('cross-origin'),
      openerAt('https://other.example'),
      openerAt('https://app.example', true),
    ]) {
      sessionStorage.setItem(
        PENDING_LINK_KEY,
        JSON.stringify({ state: 's1', connectionId: 'c1', returnTo: '/' }),
      );
      const { win, close } = pageAt('?code=abc&state=s1', opener);
      expect(completeLink(win)).toMatchObject({ mode: 'redirect', code: 'abc' });
      expect(() => completeLink(pageAt('?code=abc&state=s1', opener).win)).toThrow(/another state/);
      expect(postMessage).not.toHaveBeenCalled();
      expect(close).not.toHaveBeenCalled();
    }
  });

  it('in a popup, hands the callback over even when an abandoned redirect left its entry behind', () => {
    sessionStorage.setItem(
      PENDING_LINK_KEY,
      JSON.stringify({ state: 'abandoned', connectionId: 'c1', returnTo: '/' }),
    );
    const { opener, postMessage } = openerAt('https://app.example');
    const { win, close } = pageAt('?code=abc&state=s2', opener);
    expect(completeLink(win)).toEqual({ mode: 'popup' });
    expect(postMessage).toHaveBeenCalledWith(
      { source: 'makini-link', search: '?code=abc&state=s2' },
      'https://app.example',
    );
    expect(close).toHaveBeenCalled();
  });
});
