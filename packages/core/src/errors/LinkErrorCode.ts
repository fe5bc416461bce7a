/**
 * Codes of Makini Link (OAuth 2.0) failures: the errors RFC 6749 defines for the authorization
 * callback (§4.1.2.1) and the token endpoint (§5.2), and the kit's own checks.
 */
export const LinkErrorCode = {
  /** The customer cancelled the connection. */
  access_denied: 'access_denied',
  /** The request was malformed: a parameter missing, repeated or invalid. */
  invalid_request: 'invalid_request',
  /** This client may not use this grant or flow. */
  unauthorized_client: 'unauthorized_client',
  /** The provider does not issue codes for this `response_type`. */
  unsupported_response_type: 'unsupported_response_type',
  /** The scope asked for is unknown or not allowed. */
  invalid_scope: 'invalid_scope',
  /** The provider failed; try again later. */
  server_error: 'server_error',
  /** The provider is overloaded or down for maintenance; try again later. */
  temporarily_unavailable: 'temporarily_unavailable',
  /** Wrong `clientId` or `clientSecret`. */
  invalid_client: 'invalid_client',
  /** The code or refresh token is unknown, used, expired or was issued to another client. */
  invalid_grant: 'invalid_grant',
  /** The token endpoint does not know this `grant_type`. */
  unsupported_grant_type: 'unsupported_grant_type',
  /** An OAuth error code RFC 6749 does not define; the message quotes it. */
  UNKNOWN_OAUTH_ERROR: 'UNKNOWN_OAUTH_ERROR',
  /** The callback's `state` is not the one this session started: a forged or stale callback. */
  STATE_MISMATCH: 'STATE_MISMATCH',
  /** The callback has neither a code nor an error. */
  MISSING_CODE: 'MISSING_CODE',
  /** A reconnect was started without Link settings (`clientId`, `redirectUri`). */
  NO_LINK_SETTINGS: 'NO_LINK_SETTINGS',
  /** A call that needs the client secret ran in a browser. */
  SECRET_IN_BROWSER: 'SECRET_IN_BROWSER',
} as const;
export type LinkErrorCode = (typeof LinkErrorCode)[keyof typeof LinkErrorCode];

/** The OAuth error codes of RFC 6749, as a provider or token endpoint sends them. */
const OAUTH_CODES: ReadonlySet<string> = new Set([
  'access_denied',
  'invalid_request',
  'unauthorized_client',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'invalid_client',
  'invalid_grant',
  'unsupported_grant_type',
]);

/** An OAuth `error` value as a {@link LinkErrorCode}; one RFC 6749 does not define is `UNKNOWN_OAUTH_ERROR`. */
export function toLinkErrorCode(error: string): LinkErrorCode {
  return OAUTH_CODES.has(error) ? (error as LinkErrorCode) : LinkErrorCode.UNKNOWN_OAUTH_ERROR;
}
