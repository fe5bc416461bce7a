import { PENDING_LINK_KEY, type PendingLink } from './linkMessages.js';

/**
 * Leaves for Link in this tab. What `<LinkCallback>` needs to finish (the state to check, the
 * connection, where to come back) is kept in this tab's session storage first. `beforeLeaving`
 * runs after that and before the navigation starts, so an outcome reported there is seen.
 */
export function redirectToLink(
  url: string,
  state: string,
  connectionId: string | undefined,
  beforeLeaving?: () => void,
) {
  const pending: PendingLink = {
    state,
    connectionId: connectionId ?? '',
    returnTo: window.location.href,
  };
  window.sessionStorage.setItem(PENDING_LINK_KEY, JSON.stringify(pending));
  beforeLeaving?.();
  window.location.assign(url);
}
