import type { ConnectionHealth } from '../health/ConnectionHealth.js';
import type { LinkCompletion } from './completeLink.js';
import type { LinkWindow } from './LinkWindow.js';
import { PENDING_LINK_KEY, type PendingLink } from './linkMessages.js';
import type { ExchangeAnswer } from './ReconnectOutcome.js';
import { readSessionObject } from './readSessionObject.js';

/**
 * What a redirect's callback leaves, once your exchange went through, for the `<ReconnectPage>` it
 * returns to: that page's link is used now, so it reports the reconnect instead of "already used".
 * @internal
 */
export interface ReturnedLink {
  /** The reconnect link's token. */
  token: string;
  /** The connection exchanged. */
  connectionId: string;
  /** Its health as your exchange answered it, when it did. */
  health?: ConnectionHealth;
  /** When the exchange finished (ms since the epoch). */
  at: number;
}

const RETURNED_LINK_KEY = 'makini-link:returned';

/** Long enough to come back from the callback; a reload after that checks the link again. */
const RETURN_WINDOW_MS = 10 * 60_000;

/**
 * Goes back to the page that started a redirect, after your back end exchanged the code:
 * `<LinkCallback>` does it when `onComplete` resolves; call it yourself when you finish the
 * callback another way (a retry of a failed exchange). `answer` is what your exchange answered;
 * a `<ReconnectPage>` there reports the reconnect from it.
 *
 * @example
 * const answer = await api.post('/link/exchange', completion);
 * returnFromLink(completion, answer);
 */
export function returnFromLink(
  completion: Extract<LinkCompletion, { mode: 'redirect' }>,
  answer?: ExchangeAnswer,
  win: LinkWindow = window,
) {
  if (completion.token !== undefined) {
    const returned: ReturnedLink = {
      token: completion.token,
      connectionId: answer?.connectionId ?? completion.connectionId,
      ...(answer?.health ? { health: answer.health } : {}),
      at: Date.now(),
    };
    win.sessionStorage.setItem(RETURNED_LINK_KEY, JSON.stringify(returned));
  }
  win.location.replace(completion.returnTo);
}

/**
 * Adds the reconnect link's token to the pending redirect this tab saved before leaving for Link,
 * so the callback's `LinkCompletion` carries it.
 * @internal
 */
export function tagPendingLink(win: LinkWindow, token: string) {
  const saved = readSessionObject(win, PENDING_LINK_KEY) as Partial<PendingLink> | undefined;
  if (!saved) return;
  win.sessionStorage.setItem(PENDING_LINK_KEY, JSON.stringify({ ...saved, token }));
}

/**
 * This tab's return for that link token, while it is recent; taken, so it is reported once.
 * @internal
 */
export function takeReturnedLink(win: LinkWindow, token: string): ReturnedLink | undefined {
  const link = readSessionObject(win, RETURNED_LINK_KEY) as Partial<ReturnedLink> | undefined;
  if (link?.token !== token || typeof link.connectionId !== 'string') return undefined;
  win.sessionStorage.removeItem(RETURNED_LINK_KEY);
  const age = Date.now() - (link.at ?? Number.NaN);
  return age >= 0 && age < RETURN_WINDOW_MS ? (link as ReturnedLink) : undefined;
}
