import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openTelemetry } from '@makini-kit/core/opentelemetry';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler, signWebhook, toNodeHandler, verifyWebhook } from '../index.js';

const SECRET = `whsec_${Buffer.from('telemetry-telemetry-telemetry-32').toString('base64')}`;
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const named = (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name);

let sandbox: Sandbox;
let receiverUrl: string;
let closeReceiver: () => Promise<void>;
const handled: string[] = [];
const inner: string[] = [];

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const telemetry = openTelemetry();
  const handler = createWebhookHandler({
    secret: SECRET,
    telemetry,
    onError: () => undefined,
    on: {
      'connection.reauthorization_required': (event) => {
        // A span the application starts in its handler nests under the handler's span.
        trace.getTracer('app').startActiveSpan('app.notify', (span) => {
          inner.push(span.spanContext().spanId);
          span.end();
        });
        handled.push(event.connection_id);
      },
      'connection.reauthorized': () => {
        throw Object.assign(new Error('database down, customer secret s3cr3t-value'), {
          code: 'DB_DOWN',
        });
      },
    },
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  closeReceiver = () => new Promise((resolve) => server.close(() => resolve()));
  sandbox = await startSandbox({ port: 0, orders: 5, webhookRetryScheduleMs: [60_000] });
  sandbox.admin.addWebhookEndpoint({ url: receiverUrl, secret: SECRET });
});
afterAll(async () => {
  await sandbox.close();
  await closeReceiver();
  await provider.shutdown();
  trace.disable();
  context.disable();
});
afterEach(() => exporter.reset());

/** Every name and value of every span's attributes, events and status. */
function recorded(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((span) => [span.name, span.attributes, span.status, span.events]),
  );
}

describe('webhook spans', () => {
  it('a delivery from the sandbox: a verify span with its type and id, and a handler span', async () => {
    const connection = sandbox.admin.connections()[0];
    if (!connection) throw new Error('no seeded connection');
    const sent = sandbox.admin.trigger(
      'connection.reauthorization_required',
      connection.connectionKey,
    );
    await sandbox.admin.waitForDelivery((attempt) => attempt.ok);
    await expect.poll(() => named('webhook.handle').length).toBe(1);

    const verify = named('webhook.verify')[0];
    expect(verify?.attributes).toMatchObject({
      'makini.webhook.type': 'connection.reauthorization_required',
      'makini.webhook.id': sent.id,
      'makini.webhook.scheme': 'standard',
    });
    expect(verify?.status.code).not.toBe(SpanStatusCode.ERROR);
    const handle = named('webhook.handle')[0] as ReadableSpan;
    expect(handle.attributes).toMatchObject({
      'makini.webhook.type': 'connection.reauthorization_required',
      'makini.webhook.id': sent.id,
    });
    const app = named('app.notify')[0];
    expect(app?.parentSpanContext?.spanId).toBe(handle.spanContext().spanId);
    expect(handled).toEqual([connection.connectionKey]);
  });

  it("a handler that throws: the handler span fails with the error's code, not its message", async () => {
    const connection = sandbox.admin.connections()[1];
    if (!connection) throw new Error('no seeded connection');
    sandbox.admin.trigger('connection.reauthorized', connection.connectionKey);
    await expect.poll(() => named('webhook.handle').length).toBe(1);
    const handle = named('webhook.handle')[0] as ReadableSpan;
    expect(handle.status).toEqual({ code: SpanStatusCode.ERROR, message: 'DB_DOWN' });
    expect(handle.attributes['error.type']).toBe('DB_DOWN');
    expect(recorded(exporter.getFinishedSpans())).not.toContain('s3cr3t-value');
  });

  it('a forged delivery: the verify span fails with the refusal code, and holds no secret', async () => {
    const forger = `whsec_${Buffer.from('not-the-endpoint-secret-at-all!!').toString('base64')}`;
    const event = {
      id: 'evt_forged_1',
      type: 'connection.reauthorization_required',
      connection_id: 'conn_x',
      created_at: new Date().toISOString(),
      data: { reason: 'payload-marker-9f2c' },
    };
    const signed = await signWebhook({ payload: event, secret: forger });
    const response = await fetch(receiverUrl, {
      method: 'POST',
      headers: { ...signed.headers, 'content-type': 'application/json' },
      body: signed.payload,
    });
    expect(response.status).toBe(400);
    const verify = named('webhook.verify')[0] as ReadableSpan;
    expect(verify.status.code).toBe(SpanStatusCode.ERROR);
    expect(verify.attributes['error.type']).toBe(verify.status.message);
    expect(verify.attributes['error.type']).toMatch(/^[A-Z_]+$/);
    expect(named('webhook.handle')).toEqual([]);

    // verifyWebhook on its own: the same span, refused the same way.
    const refused = await verifyWebhook({
      payload: signed.payload,
      headers: signed.headers,
      secret: SECRET,
      telemetry: openTelemetry(),
    }).catch((error: unknown) => error as { code: string });
    expect(named('webhook.verify')[1]?.attributes['error.type']).toBe(refused.code);

    const text = recorded(exporter.getFinishedSpans());
    const signature = String(signed.headers['webhook-signature']).split(',')[1] ?? '';
    for (const secret of [SECRET, SECRET.slice(6), forger, signature, 'payload-marker-9f2c']) {
      expect(secret.length).toBeGreaterThan(8);
      expect(text).not.toContain(secret);
    }
  });
});
