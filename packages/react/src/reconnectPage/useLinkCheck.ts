import { type ReturnedLink, takeReturnedLink } from '@makini-kit/core/internal';
import { useEffect, useRef, useState } from 'react';
import type { ReconnectLinkRefusal } from '../messages/Messages.js';
import { refusalOf } from './refusalOf.js';

/** Where the check of a reconnect link is. */
export type LinkCheck =
  | { phase: 'checking' }
  | { phase: 'ready'; token: string; connectionId: string; system: string }
  /** Used, by this tab's own callback after a redirect: the outcome follows, not a refusal. */
  | { phase: 'returned'; returned: ReturnedLink }
  | { phase: 'refused'; code: ReconnectLinkRefusal };

/** The `token` of the page's own URL, read only in a browser. */
function tokenOfLocation(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  return new URLSearchParams(window.location.search).get('token') ?? undefined;
}

/**
 * Verifies the link once per token through the host's `verify`. A link this tab's own callback just
 * used (after a redirect) is `returned`, not refused as used; that return is taken, so a reload
 * says "used". Otherwise a refusal with a
 * `ReconnectLinkError` code shows that code, anything else `LINK_INVALID`; no token at all is
 * `LINK_INVALID` without a call.
 */
export function useLinkCheck(
  token: string | undefined,
  verify: (token: string) => Promise<{ connectionId: string; system: string }>,
): LinkCheck {
  const [check, setCheck] = useState<LinkCheck>({ phase: 'checking' });
  // The latest `verify`, without checking again when the host passes a new function each render.
  const verifyRef = useRef(verify);
  verifyRef.current = verify;

  useEffect(() => {
    const given = token ?? tokenOfLocation();
    let current = true;
    setCheck({ phase: 'checking' });
    if (!given) {
      setCheck({ phase: 'refused', code: 'LINK_INVALID' });
      return;
    }
    verifyRef.current(given).then(
      (link) => {
        if (!current) return;
        if (typeof link?.connectionId === 'string' && link.connectionId) {
          setCheck({
            phase: 'ready',
            token: given,
            connectionId: link.connectionId,
            system: typeof link.system === 'string' ? link.system : '',
          });
        } else setCheck({ phase: 'refused', code: 'LINK_INVALID' });
      },
      (error: unknown) => {
        if (!current) return;
        const code = refusalOf(error) ?? 'LINK_INVALID';
        // Used by this tab's own callback, after a redirect: the outcome follows, not a refusal.
        const returned = code === 'LINK_USED' ? takeReturnedLink(window, given) : undefined;
        setCheck(returned ? { phase: 'returned', returned } : { phase: 'refused', code });
      },
    );
    return () => {
      current = false;
    };
  }, [token]);

  return check;
}
