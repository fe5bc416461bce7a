import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookHandler,
  fastifyWebhooks,
  toExpressMiddleware,
  toFetchHandler,
  toNodeHandler,
} from '../index.js';

const SECRET = `whsec_${Buffer.from('body-limit-tests-body-limit-1234').toString('base64')}`;
const LIMIT = 1024;
const TOTAL = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 'x');

const handler = createWebhookHandler({
  secret: SECRET,
  on: {},
  maxBodyBytes: LIMIT,
  onError: () => undefined,
});

/** Each adapter behind the Node server its framework runs on, serving `POST /`. */
const servers: Record<string, () => Promise<Server>> = {
  'Node http': async () => createServer(toNodeHandler(handler)),
  'Express, mounted before express.json()': async () => {
    const app = express();
    app.post('/', toExpressMiddleware(handler));
    return createServer(app);
  },
  Fastify: async () => {
    let server: Server | undefined;
    const app = Fastify({
      serverFactory: (listener) => {
        server = createServer(listener);
        return server;
      },
    });
    await app.register(fastifyWebhooks, { handler, path: '/' });
    await app.ready();
    if (!server) throw new Error('Fastify made no server');
    return server;
  },
  'Hono on @hono/node-server': async () => {
    const app = new Hono();
    const handleWebhook = toFetchHandler(handler);
    app.post('/', (context) => handleWebhook(context.req.raw));
    return createAdaptorServer({ fetch: app.fetch }) as Server;
  },
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * Streams a `TOTAL`-byte body over a raw socket as fast as the server takes it, and reports how much
 * was written before the server closed the connection, and what it answered.
 */
async function sendOversized(port: number, framing: 'content-length' | 'chunked') {
  const socket = connect(port, '127.0.0.1');
  let response = '';
  let closed = false;
  socket.setEncoding('latin1');
  socket.on('data', (text: string) => {
    response += text;
  });
  socket.on('error', () => undefined); // EPIPE / ECONNRESET once the server has closed
  const gone = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const length = framing === 'chunked' ? 'transfer-encoding: chunked' : `content-length: ${TOTAL}`;
  socket.write(
    `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${length}\r\n\r\n`,
  );
  let written = 0;
  while (written < TOTAL && !closed) {
    const frame =
      framing === 'chunked'
        ? Buffer.concat([
            Buffer.from(`${CHUNK.length.toString(16)}\r\n`),
            CHUNK,
            Buffer.from('\r\n'),
          ])
        : CHUNK;
    if (!socket.write(frame))
      await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), gone]);
    written += CHUNK.length;
  }
  if (!closed && framing === 'chunked') socket.write('0\r\n\r\n');
  // A server that read everything answers now; give it a moment either way.
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 1000))]);
  socket.destroy();
  return { written, response, closedEarly: written < TOTAL };
}

describe.each(Object.keys(servers))('%s, a body past maxBodyBytes', (name) => {
  it.each(['content-length', 'chunked'] as const)(
    'is answered 413 and no longer read (%s)',
    async (framing) => {
      server = await servers[name]?.();
      if (!server) throw new Error(`no server ${name}`);
      const listening = server;
      await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
      const { port } = listening.address() as AddressInfo;

      const { written, response, closedEarly } = await sendOversized(port, framing);

      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      // Socket buffers on both ends hold a few MiB; the rest was never read.
      expect(written, 'bytes the server took after answering').toBeLessThan(TOTAL / 4);
      expect(closedEarly).toBe(true);
      expect(response.toLowerCase()).toContain('connection: close');
    },
  );
});

describe('an adapter given a handler whose maxBodyBytes is not a whole number of bytes ≥ 1', () => {
  const unlimited = {
    maxBodyBytes: Number(process.env.MAKINI_TEST_VARIABLE_THAT_IS_NEVER_SET),
    handle: handler.handle,
  };
  const refusal = /maxBodyBytes is NaN: pass a whole number of bytes/;

  it('refuses it when made, instead of reading every body in full', async () => {
    expect(() => toNodeHandler(unlimited)).toThrow(refusal);
    expect(() => toExpressMiddleware(unlimited)).toThrow(refusal);
    expect(() => toFetchHandler(unlimited)).toThrow(refusal);
    const app = Fastify();
    await expect(app.register(fastifyWebhooks, { handler: unlimited })).rejects.toThrow(refusal);
    await app.close();
  });
});
