import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import {
  AbortError,
  ConnectionError,
  type ErrorContext,
  MakiniError,
  RateLimitError,
  TimeoutError,
  wrappedContext,
} from '../errors/MakiniError.js';
import type { GateClosure } from './RateLimitGate.js';
import { redactText } from './redact.js';
import { redactError } from './redactError.js';
import { checkNumber } from './TransportOptions.js';

/** Which call failed, and how far it got. */
export interface FailureContext extends ErrorContext {
  method: string;
  path: string;
}

/** What the attempt knew when it failed. */
export interface FailureState {
  /** The caller's signal fired. */
  aborted: boolean;
  /** The attempt's `timeoutMs` passed. */
  timedOut: boolean;
  timeoutMs: number;
  /** Values no message may quote (the token, secrets in the body). */
  secrets: ReadonlyArray<string | undefined>;
}

const where = (context: FailureContext) => `${context.method} ${context.path}`;

const reason = (caught: unknown, state: FailureState) =>
  redactText(
    String((caught as Error)?.cause ?? (caught as Error)?.message ?? caught),
    state.secrets,
  );

export function abortError(context: FailureContext): AbortError {
  return new AbortError('ABORTED', `${where(context)} was aborted by the caller.`, context);
}

/** An abort of the caller's, keeping what it was given as the cause, secrets redacted. */
function aborted(caught: unknown, state: FailureState, context: FailureContext) {
  return abortError({ ...context, cause: redactError(caught, state.secrets) });
}

function timeoutError(what: string, state: FailureState, context: FailureContext, cause: unknown) {
  return new TimeoutError('TIMEOUT', `${where(context)} ${what} within ${state.timeoutMs} ms.`, {
    ...context,
    cause: redactError(cause, state.secrets),
  });
}

/**
 * A failure before any usable response: the caller's abort, the attempt's timeout, an error of the
 * kit's own (kept as it is), or a network failure (`CONNECTION_FAILED`). The low-level reason, in
 * the message and as the `cause`, is a copy redacted of every secret of the call.
 */
export function transportError(
  caught: unknown,
  state: FailureState,
  context: FailureContext,
): MakiniError {
  if (state.aborted) return aborted(caught, state, context);
  if (state.timedOut) return timeoutError('got no answer', state, context, caught);
  if (MakiniError.is(caught)) return caught;
  return new ConnectionError(
    'CONNECTION_FAILED',
    `${where(context)} failed before a response arrived (${reason(caught, state)}). Check the network and baseUrl.`,
    { ...context, cause: redactError(caught, state.secrets) },
  );
}

/**
 * `getToken()` failed. An error of the kit's own (a refused refresh is a
 * `ReauthorizationRequiredError`) passes through unchanged; anything else is `TOKEN_UNAVAILABLE`.
 * Neither is a network failure, and neither is retried.
 */
export function tokenError(
  caught: unknown,
  state: FailureState,
  context: FailureContext,
): MakiniError {
  if (state.aborted) return aborted(caught, state, context);
  if (state.timedOut) return timeoutError('got no token from getToken()', state, context, caught);
  if (MakiniError.is(caught)) return caught;
  return new MakiniError(
    'TOKEN_UNAVAILABLE',
    `${where(context)} was not sent: getToken() failed (${reason(caught, state)}).`,
    { ...context, cause: redactError(caught, state.secrets) },
  );
}

/** `getToken()` resolved to nothing. */
export function noToken(context: FailureContext): MakiniError {
  return new MakiniError(
    'TOKEN_UNAVAILABLE',
    `${where(context)} was not sent: getToken() returned no token. Return the access token (TokenManager.getToken does).`,
    context,
  );
}

/** Waiting in the client-side rate limiter ended the attempt: too long a wait, a timeout, an abort. */
export function limiterError(
  caught: unknown,
  state: FailureState,
  context: FailureContext,
): MakiniError {
  if (state.aborted) return aborted(caught, state, context);
  if (state.timedOut) {
    return timeoutError('waited for the client-side rate limiter', state, context, caught);
  }
  if (RateLimitError.is(caught)) {
    return new RateLimitError(429, `${where(context)} was not sent: ${caught.message}`, {
      ...context,
      retryAfterMs: caught.retryAfterMs,
      resetAt: caught.resetAt,
      cause: caught,
    });
  }
  return transportError(caught, state, context);
}

/** The server's 429 asked for a longer wait than the call may take: said so, and not waited. */
export function notWaited(
  error: RateLimitError,
  waitMs: number,
  longestWait: number,
  maxRetryAfterMs: number,
): RateLimitError {
  const limit =
    longestWait < maxRetryAfterMs
      ? `the call's timeoutMs (${longestWait} ms)`
      : `maxRetryAfterMs (${maxRetryAfterMs} ms)`;
  return new RateLimitError(
    error.status,
    `${error.message} The server asked to wait ${waitMs} ms, longer than ${limit}, so the client did not wait: call again after error.retryAfterMs, or raise ${longestWait < maxRetryAfterMs ? 'timeoutMs' : 'maxRetryAfterMs'}.`,
    {
      ...wrappedContext(error),
      retryAfterMs: error.retryAfterMs ?? waitMs,
      limit: error.limit,
      remaining: error.remaining,
      resetAt: error.resetAt ?? new Date(Date.now() + waitMs),
    },
  );
}

/** A call for a connection whose server-given wait is still running: refused without sending. */
export function gateClosed(
  closed: GateClosure & { remainingMs: number },
  maxRetryAfterMs: number,
  context: FailureContext,
): RateLimitError {
  const until = new Date(closed.until);
  return new RateLimitError(
    429,
    `${where(context)} was not sent: the server asked this connection to wait ${closed.askedMs} ms, longer than maxRetryAfterMs (${maxRetryAfterMs} ms), so calls fail at once until ${until.toISOString()} (an hour at most; then one call asks the server again). Retry after error.retryAfterMs.`,
    { ...context, requestId: closed.requestId, retryAfterMs: closed.remainingMs, resetAt: until },
  );
}

/**
 * A per-call number option (`maxRetries`, `timeoutMs`) checked like the client's own, but as a
 * call's mistake: `InvalidArgumentError` naming it, for the call to reject with.
 */
export function callNumber(
  name: string,
  value: number,
  context: { method: string; path: string },
  range: { min: number; max: number },
): number {
  try {
    return checkNumber(name, value, range);
  } catch (caught) {
    throw new InvalidArgumentError(
      `${context.method} ${context.path}: ${(caught as Error).message} Pass it in range, or leave it out for the client's setting.`,
      { ...context, argument: name },
    );
  }
}
