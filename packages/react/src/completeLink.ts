import { parseCallback } from '@makini-kit/core';
import { PENDING_LINK_KEY, type PendingLink } from './linkMessages.js';

/** What the callback page learned. */
export type LinkCompletion =
  /** Popup mode: the result went to the opener, which checks it; this window closes. */
  | { mode: 'popup' }
  /** Redirect mode: checked here against the state saved before leaving; exchange `code`, then go to `returnTo`. */
  | { mode: 'redirect'; code: string; state: string; connectionId: string; returnTo: string };

/**
 * For the page at your Link `redirectUri`. In a popup it hands the callback to the opener (only to
 * this page's own origin) and closes; after a full-page redirect it checks the state saved before
 * leaving and returns the code for your back end.
 *
 * @throws {LinkError} in redirect mode: `STATE_MISMATCH`, `access_denied`, …
 */
export function completeLink(win: Window = window): LinkCompletion {
  const opener = win.opener as Window | null;
  if (opener && !opener.closed) {
    opener.postMessage({ source: 'makini-link', search: win.location.search }, win.location.origin);
    win.close();
    return { mode: 'popup' };
  }
  const saved = win.sessionStorage.getItem(PENDING_LINK_KEY);
  win.sessionStorage.removeItem(PENDING_LINK_KEY);
  const pending = saved ? (JSON.parse(saved) as PendingLink) : undefined;
  const { code, state } = parseCallback(win.location.search, {
    expectedState: pending?.state ?? '',
  });
  return {
    mode: 'redirect',
    code,
    state,
    connectionId: pending?.connectionId ?? '',
    returnTo: pending?.returnTo ?? '/',
  };
}
