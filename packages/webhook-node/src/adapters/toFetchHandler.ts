import type { WebhookHandler } from '../handler/createHandlerFactory.js';
import { checkBodyLimit } from './checkBodyLimit.js';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** Reads at most `limit` bytes of a fetch body; `undefined` when it is larger. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/**
 * A fetch-style handler for Hono, Next.js route handlers, Remix, Bun, Deno and edge runtimes.
 *
 * @throws {WebhookVerificationError} `INVALID_OPTIONS` for a handler whose `maxBodyBytes` is not a
 * whole number of bytes ≥ 1
 *
 * @example
 * // app/api/webhooks/makini/route.ts (Next.js)
 * export const POST = toFetchHandler(webhooks);
 * // Hono
 * app.post('/webhooks/makini', (c) => handleWebhook(c.req.raw));
 */
export function toFetchHandler(handler: WebhookHandler) {
  checkBodyLimit(handler);
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return respond(405, { error: 'use POST' }, { allow: 'POST' });
    const payload = await readLimited(request, handler.maxBodyBytes);
    // Servers that run fetch handlers (@hono/node-server among them) read on through the unread
    // rest of a body after answering, tens of MiB, unless the answer closes the connection.
    if (!payload) return respond(413, { error: 'payload too large' }, { connection: 'close' });
    const result = await handler.handle({ payload, headers: request.headers });
    return respond(result.status, result.body, result.headers);
  };
}
