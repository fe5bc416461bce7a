import {
  BadRequestError,
  ConflictError,
  MakiniApiError,
  type MakiniClient,
  type PurchaseOrderInput,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
let client: MakiniClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5, seed: 9 });
  ({ client } = await connectionClient(sandbox, 0, {
    maxRetries: 2,
    backoff: { initialDelayMs: 5, maxDelayMs: 20 },
  }));
});
afterAll(() => sandbox.close());

const creates = () =>
  sandbox.admin
    .requests()
    .filter((entry) => entry.method === 'POST' && entry.path === '/api/erp/purchase-orders');

describe('an idempotency key reused with another body', () => {
  it('is a ConflictError (a BadRequestError) after one attempt, not retried', async () => {
    const idempotencyKey = 'key-reused-with-another-body';
    const first: PurchaseOrderInput = { title: 'first' };
    await client.purchaseOrders.create(first, { idempotencyKey });
    const before = creates().length;

    const error = await client.purchaseOrders
      .create({ title: 'second' }, { idempotencyKey })
      .catch((caught: unknown) => caught);

    expect(
      creates()
        .slice(before)
        .map((entry) => entry.status),
    ).toEqual([409]);
    expect(ConflictError.is(error)).toBe(true);
    expect(BadRequestError.is(error)).toBe(true);
    expect(MakiniApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', attempts: 1 });
    expect((error as Error).message).toMatch(/Idempotency-Key/);
  });

  it('the same key with the same body still answers the first write', async () => {
    const idempotencyKey = 'key-replayed';
    const written = await client.purchaseOrders.create({ title: 'once' }, { idempotencyKey });
    const again = await client.purchaseOrders.create({ title: 'once' }, { idempotencyKey });
    expect(again.key).toBe(written.key);
  });
});
