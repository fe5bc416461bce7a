import { parseRetryAfter } from '../client/backoff.js';
import { boundedWait } from '../client/serverWait.js';
import { ErrorCode, isErrorCode } from './ErrorCode.js';
import { type LinkErrorCode, toLinkErrorCode } from './LinkErrorCode.js';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type ErrorContext,
  keptHeaders,
  MakiniApiError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ReauthorizationRequiredError,
  ServerError,
} from './MakiniError.js';

interface ErrorBodyShape {
  error?:
    | { code?: unknown; message?: unknown; request_id?: unknown; connection_id?: unknown }
    | string;
  message?: unknown;
  error_description?: unknown;
}

const NEXT_STEP: Partial<Record<ErrorCode | LinkErrorCode, string>> = {
  AUTHENTICATION_FAILED: 'Refresh the token, or run Makini Link again if refreshing fails.',
  REAUTHORIZATION_REQUIRED:
    'Ask the customer to reconnect: run Makini Link again for this connection.',
  RATE_LIMIT_EXCEEDED:
    "The connection's rate limit is spent: call again after error.retryAfterMs. The client waits by itself only for waits up to maxRetryAfterMs, within maxRetries; turn on rateLimit to stay under the limit.",
  NOT_FOUND: 'Check the id and that the token belongs to the right connection.',
  CONFLICT:
    'Sending it again cannot succeed: use a new idempotencyKey for a different write, or read the current state first.',
  FORBIDDEN: 'Use a client token for /api/system/* and a connection token for data endpoints.',
  INTERNAL_ERROR: 'Retry later; quote the request id if it persists.',
  invalid_client: 'Check clientId and clientSecret.',
};

/** The code an error status implies when the body names none this version knows. */
function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.AUTHENTICATION_FAILED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  if (status === 405) return ErrorCode.METHOD_NOT_ALLOWED;
  if (status === 409) return ErrorCode.CONFLICT;
  if (status === 413) return ErrorCode.PAYLOAD_TOO_LARGE;
  if (status === 429) return ErrorCode.RATE_LIMIT_EXCEEDED;
  if (status === 503) return ErrorCode.SERVICE_UNAVAILABLE;
  if (status >= 500) return ErrorCode.INTERNAL_ERROR;
  return ErrorCode.VALIDATION_ERROR;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * When `x-ratelimit-reset` is: epoch seconds (as Makini and the sandbox send) or seconds from now.
 * Always a valid `Date` at most 2^31-1 ms away (a further reset, however absurd, reads as that), or
 * `undefined` when absent or unreadable.
 */
export function rateLimitResetAt(headers: Headers, now: number): Date | undefined {
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  if (reset === undefined) return undefined;
  const waitMs = boundedWait(reset > 1_000_000_000 ? reset * 1000 - now : reset * 1000);
  return waitMs === undefined ? undefined : new Date(now + waitMs);
}

/**
 * Builds the typed error for an error response: one factory, so every failure family maps the same
 * way everywhere. A test double of the API, or a `fetch` of your own, gets the kit's errors from it.
 *
 * @example
 * const error = errorFromResponse(429, new Headers({ 'retry-after': '2' }), body, { method: 'GET', path });
 * error.kind; // 'RateLimitError', with retryAfterMs 2000
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  body: unknown,
  context: ErrorContext,
  now = Date.now(),
): MakiniApiError {
  const shape = (typeof body === 'object' && body !== null ? body : {}) as ErrorBodyShape;
  const nested = typeof shape.error === 'object' && shape.error !== null ? shape.error : undefined;
  // The token endpoint answers in OAuth's shape: `{ error: "invalid_grant", error_description }`.
  const oauthCode = typeof shape.error === 'string' ? toLinkErrorCode(shape.error) : undefined;
  const code: ErrorCode | LinkErrorCode =
    (isErrorCode(nested?.code) ? nested.code : undefined) ?? oauthCode ?? codeOfStatus(status);
  const serverMessage =
    (typeof nested?.message === 'string' && nested.message) ||
    (typeof shape.error_description === 'string' && shape.error_description) ||
    (typeof shape.message === 'string' && shape.message) ||
    `HTTP ${status}`;
  const requestId =
    headers.get('x-request-id') ??
    (typeof nested?.request_id === 'string' ? nested.request_id : undefined);
  const where = context.method && context.path ? `${context.method} ${context.path}: ` : '';
  const next = NEXT_STEP[code];
  const message = `${where}${serverMessage}${next ? ` ${next}` : ''}${requestId ? ` (request ${requestId})` : ''}`;
  const full = { ...context, requestId, headers: keptHeaders(headers), body };

  if (status === 429 || code === ErrorCode.RATE_LIMIT_EXCEEDED) {
    const resetAt = rateLimitResetAt(headers, now);
    return new RateLimitError(status, message, {
      ...full,
      // Without `Retry-After`, the window's reset is the wait.
      retryAfterMs: parseRetryAfter(headers, now) ?? (resetAt && resetAt.getTime() - now),
      limit: numberHeader(headers, 'x-ratelimit-limit'),
      remaining: numberHeader(headers, 'x-ratelimit-remaining'),
      resetAt,
    });
  }
  if (code === ErrorCode.REAUTHORIZATION_REQUIRED) {
    const connectionKey =
      typeof nested?.connection_id === 'string' ? nested.connection_id : undefined;
    return new ReauthorizationRequiredError(status, message, { ...full, connectionKey });
  }
  if (status === 401) return new AuthenticationError(status, code, message, full);
  if (status === 403) return new PermissionError(status, code, message, full);
  if (status === 404) return new NotFoundError(status, code, message, full);
  if (status >= 500) return new ServerError(status, code, message, full);
  if (status === 409) return new ConflictError(status, code, message, full);
  // 408 is the server giving up on a slow request: transient and retried, so no BadRequestError.
  if (status >= 400 && status < 500 && status !== 408)
    return new BadRequestError(status, code, message, full);
  return new MakiniApiError(status, code, message, full);
}
