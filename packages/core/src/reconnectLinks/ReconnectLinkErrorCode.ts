/** Why a reconnect link was refused: the `code` of a {@link ReconnectLinkError}. */
export const ReconnectLinkErrorCode = {
  /** The link is past its `expiresAt`. Send the customer a new one. */
  LINK_EXPIRED: 'LINK_EXPIRED',
  /** The link was redeemed already: each works once. Send a new one if the connection still needs it. */
  LINK_USED: 'LINK_USED',
  /** Not a link these secrets signed: malformed, altered, or signed with a key no longer listed. */
  LINK_INVALID: 'LINK_INVALID',
  /** A genuine link, but for another connection than the one the page or the exchange is for. */
  LINK_WRONG_CONNECTION: 'LINK_WRONG_CONNECTION',
} as const;
export type ReconnectLinkErrorCode =
  (typeof ReconnectLinkErrorCode)[keyof typeof ReconnectLinkErrorCode];
