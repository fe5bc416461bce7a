import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestWebhook,
  createWebhookHandler,
  fastifyWebhooks,
  toExpressMiddleware,
  toFetchHandler,
  toNodeHandler,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from '../index.js';

const SECRET = `whsec_${Buffer.from('adapter-tests-adapter-tests-1234').toString('base64')}`;

type Running = { url: string; close: () => Promise<void> };

const listen = async (server: Server, path: string): Promise<Running> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

const adapters: Record<string, (handler: WebhookHandler) => Promise<Running>> = {
  'Node http': (handler) => listen(createServer(toNodeHandler(handler)), '/'),
  'Express, mounted before express.json()': (handler) => {
    const app = express();
    app.post('/webhooks', toExpressMiddleware(handler));
    app.use(express.json());
    return listen(createServer(app), '/webhooks');
  },
  'Express, behind express.raw()': (handler) => {
    const app = express();
    app.post(
      '/webhooks',
      express.raw({ type: 'application/json', limit: '5mb' }),
      toExpressMiddleware(handler),
    );
    return listen(createServer(app), '/webhooks');
  },
  Fastify: async (handler) => {
    const app = Fastify();
    await app.register(fastifyWebhooks, { handler, path: '/webhooks' });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${address}/webhooks`, close: () => app.close() };
  },
  'Hono on @hono/node-server': async (handler) => {
    const app = new Hono();
    const handleWebhook = toFetchHandler(handler);
    app.post('/webhooks', (context) => handleWebhook(context.req.raw));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started),
      );
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/webhooks`,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  },
};

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const reauthorization = (overrides: { id?: string } = {}) =>
  createTestWebhook({
    type: 'connection.reauthorization_required',
    connectionId: '09000000000001',
    data: { reason: 'Password changed' },
    secret: SECRET,
    ...overrides,
  });

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', headers, body });

describe.each(Object.keys(adapters))('%s', (name) => {
  const start = async (options: Partial<WebhookHandlerOptions>) => {
    const errors: unknown[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      on: {},
      onError: (error) => errors.push(error),
      ...options,
    });
    running = await adapters[name]?.(handler);
    if (!running) throw new Error(`no adapter ${name}`);
    return { url: running.url, errors };
  };

  it('answers 200 after the handler ran with the typed event', async () => {
    const seen: string[] = [];
    const { url } = await start({
      on: { 'connection.reauthorization_required': (event) => void seen.push(event.data.reason) },
    });
    const { payload, headers } = await reauthorization();
    const response = await post(url, payload, headers);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['Password changed']);
  });

  it('answers 400 without detail for a bad signature, and logs the detail', async () => {
    const { url, errors } = await start({});
    const { payload, headers } = await reauthorization();
    const response = await post(url, `${payload} `, headers);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/signature|secret/i);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual([
      'NO_MATCHING_SIGNATURE',
    ]);
  });

  it('answers 500 when the handler throws, and processes the retry', async () => {
    let calls = 0;
    const { url } = await start({
      on: {
        'connection.reauthorization_required': () => {
          calls++;
          if (calls === 1) throw new Error('database down');
        },
      },
    });
    const { payload, headers } = await reauthorization();
    expect((await post(url, payload, headers)).status).toBe(500);
    expect((await post(url, payload, headers)).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('answers 413 past the body limit', async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const { headers } = await reauthorization();
    const response = await post(url, JSON.stringify({ padding: 'x'.repeat(4096) }), headers);
    expect(response.status).toBe(413);
    // A sender past the limit gets no kept-alive connection to send the next oversized body on.
    expect(response.headers.get('connection')).toBe('close');
  });

  it('acknowledges event types newer than this package through onUnhandled', async () => {
    const unhandled: unknown[] = [];
    const { url } = await start({ onUnhandled: (event) => void unhandled.push(event) });
    const future = {
      id: 'evt_f',
      type: 'invoice.created',
      created_at: 'now',
      connection_id: 'c',
      data: {},
    };
    const { createTestWebhook: _, signWebhook } = await import('../index.js');
    const signed = await signWebhook({ payload: future, secret: SECRET });
    expect((await post(url, signed.payload, signed.headers)).status).toBe(200);
    expect(unhandled).toEqual([future]);
  });
});

describe('Express mounted after express.json()', () => {
  it('fails loudly with 500 instead of checking a re-serialized body', async () => {
    const app = express();
    app.use(express.json());
    const errors: unknown[] = [];
    app.post(
      '/webhooks',
      toExpressMiddleware(
        createWebhookHandler({ secret: SECRET, on: {}, onError: (error) => errors.push(error) }),
      ),
    );
    running = await listen(createServer(app), '/webhooks');
    const { payload, headers } = await reauthorization();
    const response = await post(running.url, payload, headers);
    expect(response.status).toBe(500);
    expect(errors.map((error) => (error as { code?: string }).code)).toEqual(['PAYLOAD_NOT_RAW']);
  });
});
