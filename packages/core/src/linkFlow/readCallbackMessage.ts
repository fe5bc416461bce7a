import { parseCallback } from '../oauth/authorize.js';
import { LinkError } from '../oauth/LinkError.js';
import { isLinkCallbackMessage } from './linkMessages.js';

/** What a `message` event means to a waiting reconnect. */
export type CallbackReading =
  | { type: 'rejected'; reason: 'origin' | 'state' | 'shape' }
  | { type: 'code'; code: string; state: string }
  | { type: 'error'; error: unknown; code: string };

/**
 * Checks a message from the popup: only the redirect URI's origin, the callback page's shape and
 * this flow's state are accepted. A message with another state is someone else's (or forged) and
 * is rejected without ending the flow.
 */
export function readCallbackMessage(
  event: MessageEvent,
  expectedOrigin: string,
  expectedState: string,
): CallbackReading {
  if (event.origin !== expectedOrigin) return { type: 'rejected', reason: 'origin' };
  if (!isLinkCallbackMessage(event.data)) return { type: 'rejected', reason: 'shape' };
  try {
    const result = parseCallback(new URLSearchParams(event.data.search), { expectedState });
    return { type: 'code', ...result };
  } catch (caught) {
    const code = LinkError.is(caught) ? String(caught.code) : 'unknown';
    return code === 'STATE_MISMATCH'
      ? { type: 'rejected', reason: 'state' }
      : { type: 'error', error: caught, code };
  }
}
