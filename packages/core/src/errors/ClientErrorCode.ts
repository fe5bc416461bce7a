/**
 * Codes of the errors the client raises itself, when no error body came from the server: the
 * request never got a usable answer, or the answer broke the client's expectations.
 */
export const ClientErrorCode = {
  /** No response arrived: refused, reset, DNS failure. Retried; check the network and `baseUrl`. */
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  /** A success response whose body is not complete JSON (cut short or garbled in transit). Retried. */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  /** A response that does not match its schema; `issuePath` names the field. Not retried. */
  RESPONSE_VALIDATION_FAILED: 'RESPONSE_VALIDATION_FAILED',
  /** A response body larger than `maxResponseBytes`. Not retried: ask for less (a smaller `perPage`). */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** No answer within `timeoutMs`. Retried. */
  TIMEOUT: 'TIMEOUT',
  /** The caller's `AbortSignal` fired. */
  ABORTED: 'ABORTED',
  /** A list's `meta.current_page` repeated or went back: the server is not paging forward. */
  PAGINATION_STALLED: 'PAGINATION_STALLED',
  /**
   * The call was given an argument it cannot send (an empty key, an unknown filter operator, a
   * blank `idempotencyKey`); `argument` names it. Rejected before sending, never retried.
   */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** `getToken()` returned no token or failed with an error of its own. Not retried. */
  TOKEN_UNAVAILABLE: 'TOKEN_UNAVAILABLE',
  /**
   * The store that replicas share (Redis) failed or did not answer in time; `operation` names the
   * step. Not retried by the client: the store's own client reconnects, and the next call works.
   */
  STATE_STORE_UNAVAILABLE: 'STATE_STORE_UNAVAILABLE',
  /** A sealed token did not open: another key, another connection, or altered. Not retried. */
  TOKEN_DECRYPTION_FAILED: 'TOKEN_DECRYPTION_FAILED',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
