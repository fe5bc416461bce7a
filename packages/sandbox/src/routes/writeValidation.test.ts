import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MakiniClient } from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, firstConnection, getJson } from '../testHelpers.js';

/**
 * A write answered with 200 stored a record that reads back under `strict: true`; a write that
 * would store anything else is refused with 422 naming the field, and nothing is stored.
 */
let sandbox: Sandbox;
let token: string;
let strict: MakiniClient;
let orderKey: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 10 });
  token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
  strict = new MakiniClient({ baseUrl: sandbox.url, token, strict: true });
  orderKey = (await strict.purchaseOrders.list({ perPage: 1 })).data[0]?.key ?? '';
});
afterAll(() => sandbox.close());

type ErrorBody = { error: { message: string; fields?: Record<string, string[]> } };
async function send(method: string, path: string, body: unknown, options: { raw?: boolean } = {}) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: options.raw ? String(body) : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody & { data: never } };
}

/** Every resource written here reads back through a strict client without error. */
async function readsBackStrictly() {
  await strict.purchaseOrders.get(orderKey);
  for await (const _ of strict.purchaseOrders.list({ perPage: 100 })) {
    // Iterating is the check: a record that breaks its schema throws under strict.
  }
  for await (const _ of strict.purchaseOrders.lineItems.list({ perPage: 100 })) {
    // As above, for the lines every order's embedded lineItems become.
  }
}

describe('a write that would store an invalid record', () => {
  it.each([
    [{ lineItems: [null] }, 'lineItems'],
    [{ lineItems: 5, vendorKey: null }, 'lineItems'],
    [{ foo: 'bar' }, 'foo'],
    [{ title: 'L', lineItems: [{ quantity: 'x' }] }, 'lineItems'],
  ])('PUT %j is refused with 422 naming %s, and nothing is stored', async (body, field) => {
    const before = await strict.purchaseOrders.get(orderKey);
    const { status, body: reply } = await send('PUT', `/api/erp/purchase-orders/${orderKey}`, body);
    expect(status).toBe(422);
    expect(Object.keys(reply.error.fields ?? {})).toEqual([field]);
    expect(reply.error.message).toContain(field);
    expect(await strict.purchaseOrders.get(orderKey)).toEqual(before);
    await readsBackStrictly();
  });

  it('names the fields the request takes when one is unknown', async () => {
    const { body } = await send('PUT', `/api/erp/purchase-orders/${orderKey}`, { foo: 'bar' });
    expect(body.error.fields?.foo?.[0]).toMatch(
      /is not a field of PurchaseOrderUpdateInput.*title/,
    );
  });

  it('a create with lines the request schema does not take is refused too', async () => {
    const { status, body } = await send('POST', '/api/erp/purchase-orders', {
      title: 'L',
      lineItems: [{ quantity: 'x' }],
    });
    expect(status).toBe(422);
    expect(Object.keys(body.error.fields ?? {})).toEqual(['lineItems']);
  });
});

describe('a write answered with 200', () => {
  it('stores a decimal sent as a number as a decimal string', async () => {
    const { status } = await send('PUT', `/api/erp/purchase-orders/${orderKey}`, {
      totalNetValue: 12,
    });
    expect(status).toBe(200);
    const raw = await getJson<{ data: Record<string, unknown> }>(
      sandbox,
      `/api/erp/purchase-orders/${orderKey}`,
      token,
    );
    expect(raw.body.data.totalNetValue).toBe('12');
    await readsBackStrictly();
  });

  it('reads back strictly after a create and a status change', async () => {
    const created = await strict.purchaseOrders.create({ title: 'Strict', totalNetValue: '1.50' });
    await strict.purchaseOrders.get(created.key);
    const statuses = await strict.purchaseOrders.statuses.list();
    const code = String(statuses.data[0]?.code);
    await strict.purchaseOrders.updateStatus(orderKey, { status: code });
    await readsBackStrictly();
  });
});

describe('loose bodies', () => {
  it('with strictBodies off, a field outside the request schema is kept as a custom field', async () => {
    const loose = await startSandbox({ port: 0, orders: 2, assumptions: { strictBodies: false } });
    try {
      const looseToken = await connectionToken(loose, firstConnection(loose).connectionKey);
      const key = (
        await getJson<{ data: Array<{ key: string }> }>(
          loose,
          '/api/erp/customers?per_page=1',
          looseToken,
        )
      ).body.data[0]?.key;
      const response = await fetch(`${loose.url}/api/erp/customers/${key}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${looseToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ foo: 'bar' }),
      });
      expect(response.status).toBe(200);
      // Still refused: a value that would break the record schema.
      const broken = await fetch(`${loose.url}/api/erp/customers/${key}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${looseToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: { first: 'x' } }),
      });
      expect(broken.status).toBe(422);
    } finally {
      await loose.close();
    }
  });
});

describe('line-item reads', () => {
  it('skip lines that are not objects in a record restored from a state file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'makini-sandbox-lines-'));
    const stateFile = join(directory, 'state.json');
    try {
      const first = await startSandbox({ port: 0, orders: 3, stateFile });
      const connectionKey = firstConnection(first).connectionKey;
      const firstToken = await connectionToken(first, connectionKey);
      const order = (
        await getJson<{ data: Array<Record<string, unknown>> }>(
          first,
          '/api/erp/purchase-orders?per_page=1',
          firstToken,
        )
      ).body.data[0] as Record<string, unknown>;
      await first.close();
      const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
      saved.records = {
        [connectionKey]: {
          'purchase-orders': {
            [String(order.key)]: { ...order, lineItems: [null, 5, ...(order.lineItems as [])] },
          },
        },
      };
      writeFileSync(stateFile, JSON.stringify(saved));
      const second = await startSandbox({ port: 0, orders: 3, stateFile });
      try {
        const lines = await getJson<{ data: unknown[] }>(
          second,
          '/api/erp/purchase-orders.line-items?per_page=100',
          firstToken,
        );
        expect(lines.status).toBe(200);
        expect(lines.body.data.every((line) => typeof line === 'object' && line !== null)).toBe(
          true,
        );
      } finally {
        await second.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
