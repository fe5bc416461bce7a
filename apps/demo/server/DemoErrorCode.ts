/** Codes of the errors the demo back end answers with itself (Makini's own pass through as they are). */
export const DemoErrorCode = {
  /** The `Host` is not a name the demo is reached as (e.g. a DNS-rebound name). */
  HOST_NOT_ALLOWED: 'HOST_NOT_ALLOWED',
  /** A request (read or write) from a page that is not the demo's own front end. */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** A write whose body is not `content-type: application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The body is not valid JSON. */
  INVALID_JSON: 'INVALID_JSON',
  /** A body field is missing or wrong; `field` names it. */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  /** No such connection or route. */
  NOT_FOUND: 'NOT_FOUND',
  /**
   * A Link sign-in for another connection than the one being reconnected, or one Makini names no
   * connection for: nothing was stored.
   */
  WRONG_CONNECTION: 'WRONG_CONNECTION',
  /**
   * Makini named no connection for a new sign-in (neither the token answer nor
   * `integrations.current`), so its tokens have no key to be kept under: nothing was stored.
   */
  CONNECTION_UNNAMED: 'CONNECTION_UNNAMED',
  /** The sandbox's admin API refused or failed. */
  SANDBOX_ERROR: 'SANDBOX_ERROR',
  /** Anything else; the back end's log has the details. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type DemoErrorCode = (typeof DemoErrorCode)[keyof typeof DemoErrorCode];
