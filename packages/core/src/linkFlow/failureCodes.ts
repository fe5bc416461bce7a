/**
 * Codes of the `failed` outcomes the reconnect flow makes itself (the others carry the code of the
 * error that caused them: a `LinkError`'s, a `MakiniApiError`'s, or `error.code` of yours).
 */
export const ReconnectFailureCode = {
  /** Neither `link` on the hook nor `link` on `MakiniProvider`. */
  NO_LINK_SETTINGS: 'NO_LINK_SETTINGS',
  /** Popup mode without `exchange`: nothing would exchange the code. */
  NO_EXCHANGE: 'NO_EXCHANGE',
  /** `exchange` threw an error without a string `code`. */
  EXCHANGE_FAILED: 'EXCHANGE_FAILED',
  /** `exchange` answered no health and there is no health source to confirm with. */
  NOT_CONFIRMABLE: 'NOT_CONFIRMABLE',
  /** `useConnect`'s `exchange` answered no `connectionId`, so the new connection is unknown. */
  NO_CONNECTION_ID: 'NO_CONNECTION_ID',
} as const;
export type ReconnectFailureCode = (typeof ReconnectFailureCode)[keyof typeof ReconnectFailureCode];
