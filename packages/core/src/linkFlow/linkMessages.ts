/** The message a Link callback page posts to its opener. */
export interface LinkCallbackMessage {
  source: 'makini-link';
  /** The callback's query string, as received (`?code=…&state=…` or `?error=…&state=…`). */
  search: string;
}

/** @internal Whether a `message` event's data has the callback's shape. */
export function isLinkCallbackMessage(data: unknown): data is LinkCallbackMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { source?: unknown }).source === 'makini-link' &&
    typeof (data as { search?: unknown }).search === 'string'
  );
}

/** @internal Where redirect mode keeps what the callback page needs, for one tab. */
export const PENDING_LINK_KEY = 'makini-link:pending';

export interface PendingLink {
  state: string;
  connectionId: string;
  returnTo: string;
  /** The reconnect link's token, when Link started on a `<ReconnectPage>`. */
  token?: string;
}
