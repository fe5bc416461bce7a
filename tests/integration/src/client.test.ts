import {
  AbortError,
  MakiniClient,
  NotFoundError,
  PurchaseOrder,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { connectionClient, systemToken } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 10_000, seed: 3 });
});
afterAll(() => sandbox.close());

const fast = { backoff: { initialDelayMs: 5, maxDelayMs: 40 } };

describe('iterating every purchase order under injected faults', () => {
  it('yields each of 10,000 records exactly once, and waits at least the Retry-After asked for', async () => {
    const { client } = await connectionClient(sandbox, 0, { maxRetries: 12, ...fast });
    sandbox.admin.addFault({
      route: '/api/erp/purchase-orders',
      kind: 'error',
      status: 503,
      probability: 0.2,
    });
    sandbox.admin.addFault({
      route: '/api/erp/purchase-orders',
      kind: 'rate_limit',
      retryAfterSeconds: 1,
      probability: 0.1,
    });
    sandbox.admin.addFault({ route: '/api/erp/purchase-orders', kind: 'drop', probability: 0.05 });
    sandbox.admin.addFault({
      route: '/api/erp/purchase-orders',
      kind: 'truncate',
      probability: 0.05,
    });
    try {
      const seen = new Map<string, number>();
      for await (const order of client.purchaseOrders.list({ perPage: 250 })) {
        seen.set(order.key, (seen.get(order.key) ?? 0) + 1);
      }
      expect(seen.size).toBe(10_000);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);

      const log = client.requestLog.list();
      const limited = log.filter((entry) => entry.status === 429);
      const failed = log.filter((entry) => entry.error && entry.status !== 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(failed.some((entry) => entry.error?.kind === 'ConnectionError')).toBe(true);
      expect(failed.some((entry) => entry.status === 503)).toBe(true);
      for (const entry of limited) {
        expect(entry.retryInMs).toBeGreaterThanOrEqual(1000);
        const next = log[log.indexOf(entry) + 1];
        expect(next?.attempt).toBe(entry.attempt + 1);
        // The next attempt started no sooner than Retry-After after the 429 arrived.
        expect(
          (next?.startedAt ?? 0) - (entry.startedAt + entry.durationMs),
        ).toBeGreaterThanOrEqual(995);
      }
    } finally {
      sandbox.admin.clearFaults();
    }
  });
});

describe('typed errors', () => {
  it('a 404 is a NotFoundError with the request id', async () => {
    const { client } = await connectionClient(sandbox);
    const error = await client.purchaseOrders
      .get('59999999999999')
      .catch((caught: unknown) => caught);
    expect(NotFoundError.is(error)).toBe(true);
    const last = sandbox.admin.requests().at(-1);
    expect((error as NotFoundError).requestId).toBe(last?.requestId);
    expect((error as NotFoundError).status).toBe(404);
  });

  it('after the last retry, the error carries the attempt count and the last request id', async () => {
    const { client } = await connectionClient(sandbox, 0, { maxRetries: 2, ...fast });
    sandbox.admin.addFault({
      route: '/api/integrations/current',
      kind: 'error',
      status: 503,
      times: 5,
    });
    try {
      const error = (await client.integrations
        .current()
        .catch((caught: unknown) => caught)) as ServerError;
      expect(ServerError.is(error)).toBe(true);
      expect(error.attempts).toBe(3);
      expect(error.requestId).toBe(sandbox.admin.requests().at(-1)?.requestId);
      expect(error.message).toMatch(/req_/);
    } finally {
      sandbox.admin.clearFaults();
    }
  });

  it('does not retry a POST without an idempotency key, and does with one', async () => {
    const system = new MakiniClient({
      baseUrl: sandbox.url,
      token: await systemToken(sandbox),
      ...fast,
    });
    const key = sandbox.admin.connections()[1]?.connectionKey ?? '';
    sandbox.admin.addFault({
      route: `/api/system/connections/${key}/token`,
      kind: 'error',
      status: 503,
      times: 1,
    });
    const error = (await system.connections
      .createToken(key)
      .catch((caught: unknown) => caught)) as ServerError;
    expect(error.attempts).toBe(1);
    sandbox.admin.addFault({
      route: `/api/system/connections/${key}/token`,
      kind: 'error',
      status: 503,
      times: 1,
    });
    const token = await system.connections.createToken(key, { idempotencyKey: 'token-request-1' });
    expect(token.token).toMatch(/^sbx_at_/);
  });

  it('a response that breaks its schema is a ValidationError naming the field and keeping the body', async () => {
    const { client } = await connectionClient(sandbox);
    const error = (await client
      .request({
        method: 'GET',
        path: '/api/integrations/current',
        schema: z.object({ data: z.object({ id: z.number() }) }),
      })
      .catch((caught: unknown) => caught)) as ValidationError;
    expect(ValidationError.is(error)).toBe(true);
    expect(error.issuePath).toBe('data.id');
    expect((error.body as { data: { id: string } }).data.id).toBe(
      sandbox.admin.connections()[0]?.connectionKey,
    );
  });

  it("times out per attempt, and aborts on the caller's signal", async () => {
    const { client } = await connectionClient(sandbox);
    sandbox.admin.addFault({
      route: '/api/integrations/current',
      kind: 'latency',
      latencyMs: 400,
      times: 2,
    });
    const timeout = await client.integrations
      .current({ timeoutMs: 50, maxRetries: 0 })
      .catch((caught: unknown) => caught);
    expect(TimeoutError.is(timeout)).toBe(true);
    const controller = new AbortController();
    const pending = client.integrations.current({ signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect(AbortError.is(await pending.catch((caught: unknown) => caught))).toBe(true);
    sandbox.admin.clearFaults();
  });
});

describe('pagination API', () => {
  it('awaits to the first page, iterates pages, and stays on the given filters', async () => {
    const { client } = await connectionClient(sandbox);
    const first = await client.purchaseOrders.list({ perPage: 20, sort: { orderDate: 'desc' } });
    expect(first.meta).toMatchObject({ current_page: 1, per_page: 20, total: 10_000 });
    expect(PurchaseOrder.safeParse(first.data[0]).success).toBe(true);
    const pages = [];
    for await (const page of client.purchaseOrders
      .list({ perPage: 1000, filter: { orderDate: { lt: '2024-02-01' } } })
      .pages()) {
      pages.push(page.data.length);
    }
    // One order every 3 hours from 2024-01-01T06:00Z: 738 hours before February hold 246.
    expect(pages).toEqual([246]);
  });
});
