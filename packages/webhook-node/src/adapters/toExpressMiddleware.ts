import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookHandler } from '../handler/createHandlerFactory.js';
import { checkBodyLimit } from './checkBodyLimit.js';
import { handleNodeRequest, writeNodeResult } from './toNodeHandler.js';

/** The parts of an Express request the middleware reads, so Express itself is not a dependency. */
export type ExpressRequest = IncomingMessage & {
  /** What a body parser left: raw bytes from `express.raw()`, or nothing. */
  body?: unknown;
  /** The raw bytes some setups keep beside a parsed body. */
  rawBody?: unknown;
};

const ALREADY_PARSED =
  'The request body was already parsed by another middleware (express.json()?), so its raw bytes ' +
  'are gone and the signature cannot be checked. Mount the webhook route before express.json(), or ' +
  'use express.raw({ type: "application/json" }) on it.';

/**
 * Express middleware. Mounted before `express.json()` it reads the raw body itself; behind
 * `express.raw()` it uses the Buffer; behind `express.json()` it fails loudly (500 and a logged
 * explanation) instead of checking a re-serialized body.
 *
 * @throws {WebhookVerificationError} `INVALID_OPTIONS` for a handler whose `maxBodyBytes` is not a
 * whole number of bytes ≥ 1
 *
 * @example
 * app.post('/webhooks/makini', toExpressMiddleware(webhooks));
 */
export function toExpressMiddleware(handler: WebhookHandler) {
  checkBodyLimit(handler);
  return (
    request: ExpressRequest,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ): void => {
    const preRead = request.rawBody ?? request.body;
    const consumed = request.readableEnded || request.complete;
    let result: ReturnType<typeof handleNodeRequest>;
    if (preRead instanceof Uint8Array || typeof preRead === 'string') {
      if (Buffer.byteLength(preRead) > handler.maxBodyBytes) {
        // Closed as when the middleware reads the body itself: every 413 ends the connection.
        writeNodeResult(response, {
          status: 413,
          body: { error: 'payload too large' },
          headers: { connection: 'close' },
        });
        return;
      }
      result = handler.handle({ payload: preRead, headers: request.headers });
    } else if (consumed && preRead !== undefined) {
      // Handing the parsed object to the verifier makes it refuse with PAYLOAD_NOT_RAW (500).
      console.error(`[makini webhook] ${ALREADY_PARSED}`);
      result = handler.handle({ payload: preRead, headers: request.headers });
    } else {
      result = handleNodeRequest(handler, request);
    }
    result.then((value) => writeNodeResult(response, value), next);
  };
}
