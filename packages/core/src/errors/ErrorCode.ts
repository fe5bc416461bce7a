/**
 * Error codes the Makini API puts in error bodies. One source of truth: the client maps them to
 * error classes and the sandbox sends them.
 */
export const ErrorCode = {
  /** The bearer token is missing, malformed, expired or revoked. Get a new token. */
  AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
  /** The customer's system credentials stopped working: the customer must run Makini Link again. */
  REAUTHORIZATION_REQUIRED: 'REAUTHORIZATION_REQUIRED',
  /** The token is valid but may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many requests for this connection in the current window; wait `Retry-After` seconds. */
  RATE_LIMIT_EXCEEDED: 'RATE_LIMIT_EXCEEDED',
  /** No such route or record. */
  NOT_FOUND: 'NOT_FOUND',
  /** The method is not allowed on this route. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** A query parameter or body field is invalid; the message names it. */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  /** The request conflicts with the current state (e.g. an idempotency key reused with another body). */
  CONFLICT: 'CONFLICT',
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The source system (ERP, EAM …) failed or could not be reached. */
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** The service is temporarily unavailable; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** An unexpected server error; retrying may help. Quote the request id when reporting it. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/**
 * True when `value` is one of the known {@link ErrorCode}s.
 *
 * @example
 * if (isErrorCode(body.error?.code)) metrics.count(body.error.code);
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}
