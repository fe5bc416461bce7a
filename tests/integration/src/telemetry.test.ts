import { exchangeCode, MakiniClient, refreshToken, TokenManager } from '@makini-kit/core';
import { openTelemetry } from '@makini-kit/core/opentelemetry';
import { DEFAULT_CLIENT as CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient, linkCode } from './helpers.js';
import { recordedStrings, startTraceRecorder } from './traceRecorder.js';

let sandbox: Sandbox;
let recorder: ReturnType<typeof startTraceRecorder>;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20 });
  recorder = startTraceRecorder();
});
afterAll(async () => {
  await recorder.stop();
  await sandbox.close();
});
afterEach(() => {
  sandbox.admin.clearFaults();
  recorder.reset();
});

const LIST = '/api/erp/purchase-orders';
const attempts = () => recorder.spans().filter((span) => span.kind === SpanKind.CLIENT);
const only = <Item>(items: Item[]): Item => {
  expect(items).toHaveLength(1);
  return items[0] as Item;
};
const parentOf = (span: ReadableSpan) =>
  recorder.spans().find((other) => other.spanContext().spanId === span.parentSpanContext?.spanId);

/** A connection linked through the consent page: a refresh token the sandbox will honour. */
async function linked(index: number) {
  const connection = sandbox.admin.connections()[index];
  if (!connection) throw new Error('no connection');
  const callback = await linkCode(sandbox, connection);
  const tokens = await exchangeCode({
    baseUrl: sandbox.url,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    code: callback.searchParams.get('code') ?? '',
    redirectUri: CLIENT.redirectUris[0] ?? '',
  });
  return { connection, tokens };
}

describe('client spans against the sandbox', () => {
  it('a list call is one HTTP client span named by its route template, under a call span', async () => {
    const { client, connection } = await connectionClient(sandbox, 0, {
      telemetry: openTelemetry(),
    });
    await client.purchaseOrders.list({ perPage: 5 });

    const attempt = only(attempts());
    expect(attempt.name).toBe(`GET ${LIST}`);
    const entry = client.requestLog.list().at(-1);
    expect(attempt.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.template': LIST,
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(sandbox.url).port),
      'http.response.status_code': 200,
      'makini.request_id': entry?.requestId,
      'makini.connection': connection.connectionKey,
      'makini.attempt': 1,
    });
    expect(attempt.attributes['http.request.resend_count']).toBeUndefined();
    expect(attempt.status.code).not.toBe(SpanStatusCode.ERROR);
    const call = parentOf(attempt);
    expect(call?.name).toBe(`makini GET ${LIST}`);
    expect(call?.kind).toBe(SpanKind.INTERNAL);
    expect(entry?.traceId).toBe(attempt.spanContext().traceId);
  });

  it('a record read names the template, never the key', async () => {
    const { client } = await connectionClient(sandbox, 0, { telemetry: openTelemetry() });
    const [order] = (await client.purchaseOrders.list({ perPage: 1 })).data;
    recorder.reset();
    const key = String(order?.key);
    await client.purchaseOrders.get(key);
    const attempt = only(attempts());
    expect(attempt.name).toBe(`GET ${LIST}/{key}`);
    expect(attempt.attributes['url.template']).toBe(`${LIST}/{key}`);
    expect(recordedStrings(recorder.spans()).filter((value) => value.includes(key))).toEqual([]);
  });

  it('a 429 then a success: two attempt spans and a retry wait that honours Retry-After', async () => {
    const { client } = await connectionClient(sandbox, 0, { telemetry: openTelemetry() });
    sandbox.admin.addFault({ route: LIST, kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });
    await client.purchaseOrders.list({ perPage: 5 });

    const [first, second] = attempts().sort((a, b) =>
      Number(a.attributes['makini.attempt']) > Number(b.attributes['makini.attempt']) ? 1 : -1,
    );
    expect(attempts()).toHaveLength(2);
    expect(first?.attributes).toMatchObject({
      'http.response.status_code': 429,
      'error.type': '429',
      'makini.attempt': 1,
    });
    expect(first?.status.code).toBe(SpanStatusCode.ERROR);
    expect(second?.attributes).toMatchObject({
      'http.response.status_code': 200,
      'makini.attempt': 2,
      'http.request.resend_count': 1,
    });
    const call = parentOf(second as ReadableSpan);
    expect(call && parentOf(first as ReadableSpan)).toBe(call);
    const wait = only(call?.events.filter((event) => event.name === 'makini.retry.wait') ?? []);
    expect(wait.attributes).toMatchObject({
      'makini.attempt': 1,
      'makini.retry.reason': 'RATE_LIMIT_EXCEEDED',
      'makini.retry.server_wait_ms': 1000,
    });
    expect(Number(wait.attributes?.['makini.retry.delay_ms'])).toBeGreaterThanOrEqual(1000);
    expect(call?.attributes['makini.attempts']).toBe(2);
  });

  it("the client rate limiter's wait is an event on the call that waited", async () => {
    const { client } = await connectionClient(sandbox, 0, {
      telemetry: openTelemetry(),
      rateLimit: { limit: 1, windowMs: 300 },
    });
    await Promise.all([1, 2, 3].map(() => client.integrations.current()));
    const waits = recorder
      .spans()
      .flatMap((span) => span.events.filter((event) => event.name === 'makini.rate_limit.wait'));
    expect(waits.length).toBeGreaterThanOrEqual(1);
    for (const wait of waits) {
      expect(Number(wait.attributes?.['makini.rate_limit.wait_ms'])).toBeGreaterThan(0);
    }
  });

  it('a 401 refreshes the token in a span of its own, inside the call', async () => {
    const telemetry = openTelemetry();
    const { connection, tokens } = await linked(1);
    const manager = new TokenManager({
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: tokens.expiresAt,
      },
      connectionKey: connection.connectionKey,
      telemetry,
      refresh: (token) =>
        refreshToken({
          baseUrl: sandbox.url,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          refreshToken: token,
          telemetry,
        }),
    });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      connectionKey: connection.connectionKey,
      telemetry,
      getToken: (options) => (options?.rejectedToken ? manager.refreshNow() : manager.getToken()),
    });
    sandbox.admin.addFault({ route: LIST, kind: 'error', status: 401, times: 1 });
    await client.purchaseOrders.list({ perPage: 5 });

    const refresh = only(recorder.named('makini.token.refresh'));
    expect(refresh.attributes['makini.connection']).toBe(connection.connectionKey);
    expect(refresh.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(parentOf(refresh)?.name).toBe(`makini GET ${LIST}`);
    const tokenCall = only(recorder.named('POST /link/token'));
    expect(parentOf(parentOf(tokenCall) as ReadableSpan)).toBe(refresh);
    const listAttempts = recorder.named(`GET ${LIST}`);
    expect(listAttempts.map((span) => span.attributes['http.response.status_code']).sort()).toEqual(
      [200, 401],
    );
  });
});

describe('no secret in any span', () => {
  it('holds no token, client secret, refresh token or query value that carries one', async () => {
    const telemetry = openTelemetry();
    const { connection, tokens } = await linked(2);
    const handed: string[] = [tokens.access_token, tokens.refresh_token ?? ''];
    const manager = new TokenManager({
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: Date.now() - 1000,
      },
      connectionKey: connection.connectionKey,
      telemetry,
      refresh: async (token) => {
        const pair = await refreshToken({
          baseUrl: sandbox.url,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          refreshToken: token,
          telemetry,
        });
        handed.push(pair.access_token, pair.refresh_token ?? '');
        return pair;
      },
    });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      connectionKey: connection.connectionKey,
      telemetry,
      getToken: (options) => (options?.rejectedToken ? manager.refreshNow() : manager.getToken()),
    });
    await client.purchaseOrders.list({ perPage: 2 });
    sandbox.admin.addFault({ route: LIST, kind: 'error', status: 401, times: 1 });
    await client.purchaseOrders.list({ perPage: 2 });
    // A query value that carries a token, on a call that fails and one that succeeds.
    const inQuery = { access_token: tokens.access_token, code: tokens.refresh_token ?? 'x' };
    await client.request({ method: 'GET', path: LIST, query: inQuery });
    sandbox.admin.addFault({ route: LIST, kind: 'error', status: 500, times: 5 });
    await client
      .request({ method: 'GET', path: LIST, query: inQuery, maxRetries: 1 })
      .catch(() => undefined);
    const refused = await refreshToken({
      baseUrl: sandbox.url,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      refreshToken: 'rt_not_issued_by_this_sandbox_1234567890',
      telemetry,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);

    const secrets = [...handed, CLIENT.secret, 'rt_not_issued_by_this_sandbox_1234567890'].filter(
      (secret) => secret.length >= 8,
    );
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const strings = recordedStrings(recorder.spans());
    expect(recorder.spans().length).toBeGreaterThanOrEqual(8);
    for (const secret of secrets) {
      expect(strings.filter((value) => value.includes(secret))).toEqual([]);
    }
    // The query's names and values stay out too: spans carry the template, not the URL.
    expect(strings.filter((value) => value.includes('access_token'))).toEqual([]);
  });
});
