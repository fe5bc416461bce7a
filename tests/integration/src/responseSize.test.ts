import { gzipSync } from 'node:zlib';
import { MakiniClient, ResponseTooLargeError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';
import { serveFetch } from './nodeFetchServer.js';

const MiB = 1024 * 1024;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 200 });
});
afterAll(() => sandbox.close());

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

/** A body that never ends, sent chunked (no content-length); counts what it produced. */
function endlessBody() {
  const chunk = new TextEncoder().encode(`[${'"x",'.repeat(16_383)}`);
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      produced += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, produced: () => produced };
}

describe('maxResponseBytes', () => {
  it('refuses a response larger than maxResponseBytes, and does not retry it', async () => {
    const { client } = await connectionClient(sandbox, 0, {
      maxResponseBytes: 4096,
      maxRetries: 2,
    });
    const before = sandbox.admin.requests().length;
    const error = await client.purchaseOrders
      .list({ perPage: 100 })
      .catch((caught: unknown) => caught);
    expect(ResponseTooLargeError.is(error)).toBe(true);
    expect((error as ResponseTooLargeError).code).toBe('RESPONSE_TOO_LARGE');
    expect((error as ResponseTooLargeError).limitBytes).toBe(4096);
    expect((error as ResponseTooLargeError).message).toMatch(/maxResponseBytes/);
    expect((error as ResponseTooLargeError).requestId).toMatch(/^req_/);
    expect(sandbox.admin.requests().length - before).toBe(1);
    await expect(client.purchaseOrders.list({ perPage: 1 })).resolves.toBeDefined();
  });

  it('stops reading a body with no content-length at the default of 32 MiB', async () => {
    const body = endlessBody();
    const server = await serveFetch(
      () => new Response(body.stream, { headers: { 'content-type': 'application/json' } }),
    );
    closeServer = server.close;
    const client = new MakiniClient({ baseUrl: server.url, token: 'sk_test_token', maxRetries: 0 });
    const error = await client.integrations.current().catch((caught: unknown) => caught);
    expect(ResponseTooLargeError.is(error)).toBe(true);
    expect((error as ResponseTooLargeError).limitBytes).toBe(32 * MiB);
    // Reading stopped near the limit (the server may have buffered a little more).
    expect(body.produced()).toBeLessThan(40 * MiB);
  });

  it('stops at the limit when the content-length understates the body (compressed)', async () => {
    const inflated = `{"data":"${'0'.repeat(8 * MiB)}"}`;
    const compressed = gzipSync(inflated);
    expect(compressed.byteLength).toBeLessThan(64 * 1024);
    const server = await serveFetch(
      () =>
        new Response(compressed, {
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            'content-length': String(compressed.byteLength),
          },
        }),
    );
    closeServer = server.close;
    const client = new MakiniClient({
      baseUrl: server.url,
      token: 'sk_test_token',
      maxRetries: 0,
      maxResponseBytes: MiB,
    });
    const error = await client.integrations.current().catch((caught: unknown) => caught);
    expect(ResponseTooLargeError.is(error)).toBe(true);
    expect((error as ResponseTooLargeError).limitBytes).toBe(MiB);
  });

  it('refuses a nonsensical maxResponseBytes with a clear error', () => {
    expect(() => new MakiniClient({ token: 't', maxResponseBytes: -1 })).toThrow(
      /maxResponseBytes must be a positive integer/,
    );
  });
});
