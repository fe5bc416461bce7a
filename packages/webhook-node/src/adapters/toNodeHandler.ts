import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookHandler, WebhookResult } from '../handler/createHandlerFactory.js';
import { checkBodyLimit } from './checkBodyLimit.js';
import { BodyTooLargeError, readNodeBody } from './readNodeBody.js';

export function writeNodeResult(
  response: ServerResponse,
  result: Pick<WebhookResult, 'status' | 'body' | 'headers'>,
) {
  const body = JSON.stringify(result.body);
  response.writeHead(result.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...result.headers,
  });
  response.end(body);
}

/** Answers a raw body read from a Node request; shared by the Node and Express adapters. */
export async function handleNodeRequest(
  handler: WebhookHandler,
  request: IncomingMessage,
): Promise<Pick<WebhookResult, 'status' | 'body' | 'headers'>> {
  if (request.method !== 'POST')
    return { status: 405, body: { error: 'use POST' }, headers: { allow: 'POST' } };
  let payload: Buffer;
  try {
    payload = await readNodeBody(request, handler.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      // Node destroys a `connection: close` socket once the answer is flushed; the unread rest of
      // the body then never crosses into this process.
      return {
        status: 413,
        body: { error: 'payload too large' },
        headers: { connection: 'close' },
      };
    throw error;
  }
  return handler.handle({ payload, headers: request.headers });
}

/**
 * A Node `http` request listener.
 *
 * @throws {WebhookVerificationError} `INVALID_OPTIONS` for a handler whose `maxBodyBytes` is not a
 * whole number of bytes ≥ 1
 *
 * @example
 * http.createServer(toNodeHandler(webhooks)).listen(3000);
 */
export function toNodeHandler(handler: WebhookHandler) {
  checkBodyLimit(handler);
  return (request: IncomingMessage, response: ServerResponse): void => {
    handleNodeRequest(handler, request).then(
      (result) => writeNodeResult(response, result),
      () => writeNodeResult(response, { status: 500, body: { error: 'handler failed' } }),
    );
  };
}
