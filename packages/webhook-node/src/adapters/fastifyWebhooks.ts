import type { WebhookHandler } from '../handler/createHandlerFactory.js';
import { checkBodyLimit } from './checkBodyLimit.js';

/** The parts of Fastify the plugin uses, so Fastify itself is not a dependency. */
export interface FastifyLike {
  /** Registers a body parser; the plugin's keeps the raw bytes. */
  addContentTypeParser(
    type: string | RegExp | string[],
    options: { parseAs: 'buffer'; bodyLimit?: number },
    parser: (
      request: unknown,
      body: Buffer,
      done: (error: Error | null, body?: unknown) => void,
    ) => void,
  ): void;
  /** Registers a `POST` route. */
  post(
    path: string,
    handler: (
      request: { body: unknown; headers: Record<string, string | string[] | undefined> },
      reply: FastifyReplyLike,
    ) => unknown,
  ): void;
}
/** The parts of a Fastify reply the plugin uses. */
export interface FastifyReplyLike {
  /** Sets the status. */
  code(status: number): FastifyReplyLike;
  /** Adds headers. */
  headers(values: Record<string, string>): FastifyReplyLike;
  /** Sends the body. */
  send(body: unknown): unknown;
}

/**
 * A Fastify plugin that registers `POST path` with a raw-body parser scoped to the plugin, so the
 * rest of the app keeps Fastify's JSON parsing. Register it with `fastify.register`. Past
 * `maxBodyBytes`, Fastify answers 413 and closes the connection itself.
 *
 * @throws {WebhookVerificationError} `INVALID_OPTIONS` (registration rejects) for a handler whose
 * `maxBodyBytes` is not a whole number of bytes ≥ 1
 *
 * @example
 * await app.register(fastifyWebhooks, { handler: webhooks, path: '/webhooks/makini' });
 */
export async function fastifyWebhooks(
  fastify: FastifyLike,
  options: { handler: WebhookHandler; path?: string },
) {
  const { handler } = options;
  checkBodyLimit(handler);
  fastify.addContentTypeParser(
    ['application/json', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: handler.maxBodyBytes },
    (_request, body, done) => done(null, body),
  );
  fastify.post(options.path ?? '/webhooks/makini', async (request, reply) => {
    const result = await handler.handle({
      payload: request.body ?? new Uint8Array(),
      headers: request.headers,
    });
    return reply
      .code(result.status)
      .headers(result.headers ?? {})
      .send(result.body);
  });
}
// Fastify runs plugins in their own scope unless told otherwise; the parser stays local on purpose.
