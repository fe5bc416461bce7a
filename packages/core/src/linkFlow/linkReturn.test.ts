// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { completeLink } from './completeLink.js';
import { PENDING_LINK_KEY } from './linkMessages.js';
import { returnFromLink, tagPendingLink, takeReturnedLink } from './linkReturn.js';

afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
});

/** The callback page's window: this test's storage, a callback URL, and a `replace` to observe. */
function callbackWindow(search: string) {
  const replace = vi.fn();
  const location = Object.assign(new URL(`https://app.example/link/callback${search}`), {
    replace,
  });
  return { win: { opener: null, location, sessionStorage } as unknown as Window, replace };
}

const pending = {
  state: 'st-1',
  connectionId: 'conn-1',
  returnTo: 'https://app.example/reconnect?token=tok-1',
};

describe('the return from a redirect to a reconnect link page', () => {
  it('carries the tagged token to the completion, and back to that page with the answer', () => {
    sessionStorage.setItem(PENDING_LINK_KEY, JSON.stringify(pending));
    tagPendingLink(window, 'tok-1');
    const { win, replace } = callbackWindow('?code=c-1&state=st-1');
    const completion = completeLink(win);
    expect(completion).toEqual({
      mode: 'redirect',
      code: 'c-1',
      state: 'st-1',
      connectionId: 'conn-1',
      returnTo: pending.returnTo,
      token: 'tok-1',
    });
    if (completion.mode !== 'redirect') throw new Error('redirect expected');

    const health = { state: 'healthy' } as const;
    returnFromLink(completion, { connectionId: 'conn-1', health } as never, win);
    expect(replace).toHaveBeenCalledWith(pending.returnTo);
    expect(takeReturnedLink(window, 'another-token')).toBeUndefined();
    expect(takeReturnedLink(window, 'tok-1')).toMatchObject({ connectionId: 'conn-1', health });
    // Taken: a reload reports nothing again.
    expect(takeReturnedLink(window, 'tok-1')).toBeUndefined();
  });

  it('leaves nothing for a redirect from an ordinary page (no token)', () => {
    sessionStorage.setItem(PENDING_LINK_KEY, JSON.stringify(pending));
    const { win, replace } = callbackWindow('?code=c-1&state=st-1');
    const completion = completeLink(win);
    if (completion.mode !== 'redirect') throw new Error('redirect expected');
    expect('token' in completion).toBe(false);
    returnFromLink(completion, undefined, win);
    expect(replace).toHaveBeenCalledWith(pending.returnTo);
    expect(sessionStorage.length).toBe(0);
  });

  it('forgets a return after ten minutes, and ignores a malformed one', () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T10:00:00Z'), toFake: ['Date'] });
    const { win } = callbackWindow('');
    const completion = {
      mode: 'redirect' as const,
      code: 'c',
      state: 's',
      connectionId: 'conn-1',
      returnTo: '/reconnect',
      token: 'tok-1',
    };
    returnFromLink(completion, undefined, win);
    vi.setSystemTime(new Date('2026-11-27T10:09:59Z'));
    expect(takeReturnedLink(window, 'tok-1')).toMatchObject({ connectionId: 'conn-1' });
    returnFromLink(completion, undefined, win);
    vi.setSystemTime(new Date('2026-11-27T10:20:00Z'));
    expect(takeReturnedLink(window, 'tok-1')).toBeUndefined();

    sessionStorage.setItem('makini-link:returned', '{not json');
    expect(takeReturnedLink(window, 'tok-1')).toBeUndefined();
    sessionStorage.setItem('makini-link:returned', JSON.stringify({ token: 'tok-1' }));
    expect(takeReturnedLink(window, 'tok-1')).toBeUndefined();
  });

  it('tags nothing when no redirect is pending', () => {
    tagPendingLink(window, 'tok-1');
    expect(sessionStorage.getItem(PENDING_LINK_KEY)).toBeNull();
  });
});
