import { buildAuthorizeUrl, LinkError, parseCallback } from '@makini-kit/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isLinkCallbackMessage, PENDING_LINK_KEY, type PendingLink } from './linkMessages.js';
import { type LinkSettings, useMakiniContext } from './MakiniProvider.js';

/** Where a reconnect is: style with `data-state`. */
export type ReconnectState = 'idle' | 'opening' | 'waiting' | 'exchanging' | 'success' | 'error';

/** Everything that happens during a reconnect, for analytics and debugging. */
export type ReconnectEvent =
  | { type: 'open'; mode: 'popup' | 'redirect' }
  | { type: 'popup_blocked' }
  | { type: 'message_rejected'; reason: 'origin' | 'state' | 'shape'; origin: string }
  | { type: 'callback'; outcome: 'code' | 'error'; error?: string }
  | { type: 'closed' }
  | { type: 'success' }
  | { type: 'error'; error: unknown };

export interface ReconnectOptions {
  link?: LinkSettings;
  /** `popup` (falls back to `redirect` when blocked) or a full-page `redirect`. @default 'popup' */
  mode?: 'popup' | 'redirect';
  /** Send the code to your back end, which exchanges it with the client secret. */
  onSuccess?: (result: {
    code: string;
    state: string;
    connectionId: string;
  }) => void | Promise<void>;
  onError?: (error: unknown) => void;
  /** The customer left without finishing: closed the popup, or cancelled on the consent page. */
  onExit?: (reason: 'closed' | 'access_denied') => void;
  onEvent?: (event: ReconnectEvent) => void;
  /**
   * Pre-selects the system on the consent page (its provider slug, e.g. `netsuite`). Pass it with
   * `loginHint` when reconnecting, so the customer signs in to the same account.
   */
  platform?: string;
  /** Pre-fills the username on the consent page. */
  loginHint?: string;
}

export interface UseReconnect {
  state: ReconnectState;
  error: unknown;
  /** Starts Link. Call it inside the click handler: popups opened later are blocked. */
  start: () => void;
  reset: () => void;
}

const POPUP_FEATURES = 'popup=yes,width=520,height=720';
/** How long a closed popup's last message may take to arrive. */
const CLOSE_GRACE_MS = 1500;

/**
 * Runs Makini Link again for a connection: opens the popup synchronously (so it is not blocked),
 * with a fresh `state`; accepts the callback message only from the redirect URI's origin and with
 * that state; notices a closed popup; falls back to a full-page redirect when the popup is blocked.
 */
export function useReconnect(connectionId: string, options: ReconnectOptions = {}): UseReconnect {
  const context = useMakiniContext();
  const [state, setState] = useState<ReconnectState>('idle');
  const [error, setError] = useState<unknown>(undefined);
  const latest = useRef(options);
  latest.current = options;
  const cleanup = useRef<() => void>(() => {});

  useEffect(() => () => cleanup.current(), []);

  const emit = useCallback((event: ReconnectEvent) => latest.current.onEvent?.(event), []);

  const fail = useCallback(
    (failure: unknown) => {
      cleanup.current();
      setError(failure);
      setState('error');
      emit({ type: 'error', error: failure });
      latest.current.onError?.(failure);
    },
    [emit],
  );

  const start = useCallback(() => {
    const link = latest.current.link ?? context.link;
    if (!link) {
      fail(
        new LinkError(
          'NO_LINK_SETTINGS',
          'Pass `link` ({ clientId, redirectUri }) to the button or to MakiniProvider.',
        ),
      );
      return;
    }
    cleanup.current();
    setError(undefined);
    setState('opening');
    const { url, state: expectedState } = buildAuthorizeUrl({
      clientId: link.clientId,
      redirectUri: link.redirectUri,
      ...(link.linkUrl ? { linkUrl: link.linkUrl } : {}),
      ...(latest.current.platform ? { platform: latest.current.platform } : {}),
      ...(latest.current.loginHint ? { loginHint: latest.current.loginHint } : {}),
    });

    const redirect = () => {
      const pending: PendingLink = {
        state: expectedState,
        connectionId,
        returnTo: window.location.href,
      };
      window.sessionStorage.setItem(PENDING_LINK_KEY, JSON.stringify(pending));
      emit({ type: 'open', mode: 'redirect' });
      window.location.assign(url);
    };
    if ((latest.current.mode ?? 'popup') === 'redirect') return redirect();

    const popup = window.open(url, 'makini-link', POPUP_FEATURES);
    if (!popup) {
      emit({ type: 'popup_blocked' });
      return redirect();
    }
    emit({ type: 'open', mode: 'popup' });
    setState('waiting');
    const expectedOrigin = new URL(link.redirectUri).origin;
    let settled = false;

    const onMessage = (event: MessageEvent) => {
      if (event.origin !== expectedOrigin) {
        emit({ type: 'message_rejected', reason: 'origin', origin: event.origin });
        return;
      }
      if (!isLinkCallbackMessage(event.data)) {
        emit({ type: 'message_rejected', reason: 'shape', origin: event.origin });
        return;
      }
      let result: { code: string; state: string };
      try {
        result = parseCallback(new URLSearchParams(event.data.search), { expectedState });
      } catch (caught) {
        if (LinkError.is(caught) && caught.code === 'STATE_MISMATCH') {
          emit({ type: 'message_rejected', reason: 'state', origin: event.origin });
          return;
        }
        settled = true;
        popup.close();
        cleanup.current();
        const code = LinkError.is(caught) ? String(caught.code) : 'unknown';
        emit({ type: 'callback', outcome: 'error', error: code });
        if (code === 'access_denied') {
          setState('idle');
          latest.current.onExit?.('access_denied');
        } else {
          fail(caught);
        }
        return;
      }
      settled = true;
      popup.close();
      cleanup.current();
      emit({ type: 'callback', outcome: 'code' });
      setState('exchanging');
      Promise.resolve(latest.current.onSuccess?.({ ...result, connectionId })).then(() => {
        setState('success');
        emit({ type: 'success' });
      }, fail);
    };
    window.addEventListener('message', onMessage);
    let grace: number | undefined;
    const watcher = window.setInterval(() => {
      if (!popup.closed || settled || grace !== undefined) return;
      // The callback page posts, then closes itself: its message can still be on its way when the
      // window is already closed. Give it a moment before calling this an exit.
      grace = window.setTimeout(() => {
        if (settled) return;
        cleanup.current();
        setState('idle');
        emit({ type: 'closed' });
        latest.current.onExit?.('closed');
      }, CLOSE_GRACE_MS);
    }, 400);
    cleanup.current = () => {
      window.removeEventListener('message', onMessage);
      window.clearInterval(watcher);
      if (grace !== undefined) window.clearTimeout(grace);
      cleanup.current = () => {};
    };
  }, [connectionId, context.link, fail, emit]);

  const reset = useCallback(() => {
    cleanup.current();
    setError(undefined);
    setState('idle');
  }, []);

  return { state, error, start, reset };
}
