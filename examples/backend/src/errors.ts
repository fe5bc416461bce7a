import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  LinkError,
  MakiniError,
  NotFoundError,
  RateLimitError,
  ReauthorizationRequiredError,
  TimeoutError,
} from '@makini-kit/core';
import type { ErrorRequestHandler, Response } from 'express';

/** Every error the API answers has this shape, whatever failed. */
export function sendError(
  response: Response,
  status: number,
  code: string,
  message: string,
  requestId: string = randomUUID(),
) {
  response.status(status).json({ error: { code, message, requestId } });
}

/** What the browser may learn of a failure: a status, a code and a message of ours. */
function describe(error: unknown): [status: number, code: string, message: string] {
  if (ReauthorizationRequiredError.is(error)) {
    return [409, 'REAUTHORIZATION_REQUIRED', 'The customer must reconnect through Makini Link.'];
  }
  if (RateLimitError.is(error)) return [429, 'RATE_LIMITED', 'Too many calls to Makini.'];
  if (NotFoundError.is(error)) return [404, 'NOT_FOUND', 'Makini has no such record.'];
  if (LinkError.is(error) || BadRequestError.is(error)) {
    return [400, 'BAD_REQUEST', 'Makini refused the request, or the Link code.'];
  }
  if (TimeoutError.is(error)) return [504, 'UPSTREAM_TIMEOUT', 'Makini did not answer in time.'];
  if (MakiniError.is(error)) return [502, 'UPSTREAM_ERROR', 'The call to Makini failed.'];
  // Express's own client errors, such as a body that is not JSON, say what to fix.
  const { status, expose } = (error ?? {}) as { status?: number; expose?: boolean };
  if (status && status < 500 && expose) return [status, 'BAD_REQUEST', (error as Error).message];
  return [500, 'INTERNAL_ERROR', 'The server failed.'];
}

/**
 * Errors as JSON, never Express's HTML page: its stack shows the server's files, and copying an
 * upstream error's status and headers (a 401 with `www-authenticate`) would mislead the browser.
 * The whole error goes to the log under the same request id: Makini's, when Makini answered, which
 * is what to quote to Makini's support.
 */
export const jsonErrors: ErrorRequestHandler = (error, _request, response, next) => {
  // An event stream already under way cannot take a JSON body: Express closes the connection.
  if (response.headersSent) return next(error);
  const [status, code, message] = describe(error);
  const requestId = (MakiniError.is(error) && error.requestId) || randomUUID();
  console.error(`[error] ${requestId}:`, error);
  sendError(response, status, code, message, requestId);
};
