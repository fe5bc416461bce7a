import { parseCallback } from '../oauth/authorize.js';
import type { LinkWindow } from './LinkWindow.js';
import { PENDING_LINK_KEY, type PendingLink } from './linkMessages.js';
import { readSessionObject } from './readSessionObject.js';

/** What the callback page learned. */
export type LinkCompletion =
  /** Popup mode: the result went to the opener, which checks it; this window closes. */
  | {
      /** The flow ran in a popup. */
      mode: 'popup';
    }
  /** Redirect mode: checked here against the state saved before leaving; exchange `code`, then go to `returnTo`. */
  | {
      /** The flow left this tab for Link. */
      mode: 'redirect';
      /** The code to exchange on your back end. */
      code: string;
      /** The callback's `state`, already checked. */
      state: string;
      /** The connection being reconnected; `''` for a new system. */
      connectionId: string;
      /** The page that started the flow, to go back to. */
      returnTo: string;
      /**
       * The reconnect link's token when Link started on a `<ReconnectPage>`: send it with the code,
       * so your back end redeems the link as the page's own `exchange` does.
       */
      token?: string;
    };

/**
 * For the page at your Link `redirectUri`. After a full-page redirect (this tab saved the pending
 * Link before leaving) it checks that state and returns the code for your back end, even if the
 * tab has an opener of its own. In a popup, that is when a page of this same origin opened it and
 * is still open, it hands the callback to that page and closes. Anything else is treated as a
 * redirect, so a code is never posted to a window that cannot use it.
 *
 * @throws {LinkError} in redirect mode: `STATE_MISMATCH`, `access_denied`, …
 * @example
 * const result = completeLink();
 * if (result.mode === 'redirect') {
 *   const answer = await api.post('/link/exchange', { code: result.code, state: result.state, connectionId: result.connectionId });
 *   returnFromLink(result, answer); // back to `returnTo`, telling a <ReconnectPage> there how it went
 * }
 */
export function completeLink(win: LinkWindow = window): LinkCompletion {
  const pending = readPending(win);
  const state = new URLSearchParams(win.location.search).get('state');
  // A saved entry for this very state means this tab left for Link itself. A saved entry for
  // another state is a redirect abandoned earlier, which a popup inherits with its opener's storage.
  const startedHere = pending !== undefined && pending.state === state;
  const opener = startedHere ? undefined : waitingOpener(win);
  if (opener) {
    opener.postMessage({ source: 'makini-link', search: win.location.search }, win.location.origin);
    win.close();
    return { mode: 'popup' };
  }
  win.sessionStorage.removeItem(PENDING_LINK_KEY);
  const result = parseCallback(win.location.search, { expectedState: pending?.state ?? '' });
  return {
    mode: 'redirect',
    code: result.code,
    state: result.state,
    connectionId: pending?.connectionId ?? '',
    returnTo: pending?.returnTo ?? '/',
    ...(typeof pending?.token === 'string' ? { token: pending.token } : {}),
  };
}

/** The window that opened this one, if it is open and of this page's origin: a page waiting for the result. */
function waitingOpener(win: LinkWindow): Window | undefined {
  const opener = win.opener as Window | null;
  if (!opener || opener.closed) return undefined;
  try {
    return opener.location.origin === win.location.origin ? opener : undefined;
  } catch {
    // Reading another origin's location throws: that opener is not our page.
    return undefined;
  }
}

function readPending(win: LinkWindow): PendingLink | undefined {
  const pending = readSessionObject(win, PENDING_LINK_KEY) as Partial<PendingLink> | undefined;
  return typeof pending?.state === 'string' ? (pending as PendingLink) : undefined;
}
