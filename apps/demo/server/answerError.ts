import { ReconnectLinkError, StateStoreError } from '@makini-kit/core';
import type { ErrorHandler } from 'hono';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';
import { LINK_REFUSAL_STATUS } from './linkRoutes.js';
import { problem } from './problem.js';
import { SandboxAdminError } from './sandboxAdmin.js';

/**
 * The back end's answer to a route that threw: JSON with a code for every failure it knows (a
 * refused reconnect link keeps its `ReconnectLinkError` code, for the reconnect page to show);
 * anything else is a 500 whose stack trace stays in `log`.
 */
export function answerError(log: (line: string) => void): ErrorHandler {
  return (error, context) => {
    if (error instanceof DemoHttpError) return context.json(error.toJSON(), error.status);
    if (error instanceof SandboxAdminError) {
      const status = error.status === 404 ? 404 : error.status < 500 ? 400 : 502;
      const code = status === 404 ? DemoErrorCode.NOT_FOUND : DemoErrorCode.SANDBOX_ERROR;
      return context.json({ error: { code, message: error.message } }, status);
    }
    if (ReconnectLinkError.is(error)) {
      const body = { error: { kind: error.kind, code: error.code, message: error.message } };
      return context.json(body, LINK_REFUSAL_STATUS[error.code] ?? 400);
    }
    if (StateStoreError.is(error)) {
      const { status, body } = problem(error, () => 503);
      return context.json(body, status);
    }
    log(`[demo] ${context.req.method} ${context.req.path} failed: ${(error as Error).stack}`);
    return context.json(
      {
        error: {
          code: DemoErrorCode.INTERNAL_ERROR,
          message: 'The demo back end failed; its log says why.',
        },
      },
      500,
    );
  };
}
