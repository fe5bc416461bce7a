import {
  ApiErrorBody,
  addDecimal,
  Currency,
  Page,
  PurchaseOrder,
  PurchaseOrderLineItem,
  PurchaseOrderStatus,
  UnitOfMeasure,
  Vendor,
} from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, firstConnection, getJson } from '../testHelpers.js';

let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 250, seed: 7 });
  token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
});
afterAll(() => sandbox.close());

const OrderPage = Page(PurchaseOrder);
const orders = async (query: string) => {
  const { status, body } = await getJson(sandbox, `/api/erp/purchase-orders${query}`, token);
  expect(status).toBe(200);
  return OrderPage.parse(body);
};

describe('purchase-order pagination', () => {
  it('computes total, last_page, from/to and links', async () => {
    const page = await orders('?per_page=40&page=2');
    expect(page.meta).toMatchObject({
      total: 250,
      per_page: 40,
      current_page: 2,
      last_page: 7,
      from: 41,
      to: 80,
    });
    expect(page.data).toHaveLength(40);
    expect(new URL(page.links.next ?? '').searchParams.get('page')).toBe('3');
    expect(new URL(page.links.prev ?? '').searchParams.get('page')).toBe('1');
    expect(new URL(page.links.last ?? '').searchParams.get('page')).toBe('7');
    expect(new URL(page.links.next ?? '').searchParams.get('per_page')).toBe('40');
  });

  it('ends with a short last page and no next link', async () => {
    const page = await orders('?per_page=40&page=7');
    expect(page.data).toHaveLength(10);
    expect(page.meta).toMatchObject({ from: 241, to: 250 });
    expect(page.links.next).toBeNull();
  });

  it('answers an empty page past the end', async () => {
    const page = await orders('?per_page=40&page=9');
    expect(page.data).toEqual([]);
    // Laravel's paginator, whose envelope Makini sends, says null for both on an empty page.
    expect(page.meta).toMatchObject({ from: null, to: null, total: 250 });
  });

  it('visits every order exactly once by following next links', async () => {
    const keys = new Set<string>();
    let next: string | null | undefined = `${sandbox.url}/api/erp/purchase-orders?per_page=33`;
    while (next) {
      const response = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
      const page = OrderPage.parse(await response.json());
      for (const order of page.data) keys.add(order.key);
      next = page.links.next;
    }
    expect(keys.size).toBe(250);
  });

  it('serves the same records for the same seed', async () => {
    const other = await startSandbox({ port: 0, orders: 250, seed: 7 });
    try {
      const otherToken = await connectionToken(other, firstConnection(other).connectionKey);
      const mine = await getJson(sandbox, '/api/erp/purchase-orders?per_page=5&page=3', token);
      const theirs = await getJson(other, '/api/erp/purchase-orders?per_page=5&page=3', otherToken);
      expect(JSON.stringify((theirs.body as { data: unknown }).data)).toBe(
        JSON.stringify((mine.body as { data: unknown }).data),
      );
    } finally {
      await other.close();
    }
  });
});

describe('filters and sorts', () => {
  it('filters by equality and combines with filterMatch', async () => {
    const all = await orders('?per_page=1000');
    const vendor = all.data[0]?.vendorKey ?? '';
    const expected = all.data.filter((order) => order.vendorKey === vendor).length;
    const filtered = await orders(`?per_page=1000&filter[vendorKey]=${vendor}`);
    expect(filtered.meta.total).toBe(expected);
    expect(filtered.data.every((order) => order.vendorKey === vendor)).toBe(true);

    const status = all.data[0]?.statusKey ?? '';
    const either = await orders(
      `?per_page=1000&filter[vendorKey]=${vendor}&filter[statusKey]=${status}&filterMatch=any`,
    );
    const expectedEither = all.data.filter(
      (o) => o.vendorKey === vendor || o.statusKey === status,
    ).length;
    expect(either.meta.total).toBe(expectedEither);
  });

  it('filters numerically with :gt and by date with :lt', async () => {
    const expensive = await orders('?per_page=1000&filter[totalNetValue:gt]=50000');
    expect(expensive.meta.total).toBeGreaterThan(0);
    expect(expensive.data.every((order) => Number(order.totalNetValue) > 50000)).toBe(true);
    const early = await orders('?per_page=1000&filter[orderDate:lt]=2024-01-05');
    expect(early.data.map((order) => order.orderDate)).toEqual(
      early.data.map((order) => order.orderDate).filter((date) => (date ?? '') < '2024-01-05'),
    );
    // An order every 3 hours from 2024-01-01T06:00Z: 90 hours before 2024-01-05 hold 30 orders.
    expect(early.meta.total).toBe(30);
  });

  it('sorts ascending and descending, across pages', async () => {
    const descending = await orders('?per_page=50&sort[totalNetValue]=1');
    const values = descending.data.map((order) => Number(order.totalNetValue));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const page2 = await orders('?per_page=50&page=2&sort[totalNetValue]=1');
    expect(Number(page2.data[0]?.totalNetValue)).toBeLessThanOrEqual(values.at(-1) ?? 0);
    const newest = await orders('?per_page=1&sort[orderDate]=1');
    expect(newest.data[0]?.orderDate).toBe(
      (await orders('?per_page=1&page=250')).data[0]?.orderDate,
    );
  });

  it.each([
    ['?per_page=0', 'per_page'],
    ['?per_page=abc', 'per_page'],
    ['?page=-1', 'page'],
    ['?filter[colour]=red', 'filter[colour]'],
    ['?filter[orderNo:near]=1', 'filter[orderNo:near]'],
    ['?sort[orderNo]=up', 'sort[orderNo]'],
    ['?filterMatch=some', 'filterMatch'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const { status, body } = await getJson(sandbox, `/api/erp/purchase-orders${query}`, token);
    expect(status).toBe(400);
    const error = ApiErrorBody.parse(body).error;
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(error.message).toContain(field);
  });
});

describe('records', () => {
  it('have exact money: line totals add up to the order total', async () => {
    const page = await orders('?per_page=100');
    for (const order of page.data) {
      const lines = order.lineItems ?? [];
      expect(lines.length).toBeGreaterThan(0);
      expect(addDecimal('0.00', ...lines.map((line) => line.lineTotalValue ?? '0'))).toBe(
        order.totalNetValue,
      );
    }
  });

  it('carry the platform custom fields', async () => {
    const page = await orders('?per_page=1');
    expect(page.data[0]?.customFields).toHaveProperty('ZZ_COST_CENTER');
  });

  it('get by key returns the listed record', async () => {
    const listed = (await orders('?per_page=1&page=17')).data[0];
    const { status, body } = await getJson(
      sandbox,
      `/api/erp/purchase-orders/${listed?.key}`,
      token,
    );
    expect(status).toBe(200);
    expect(JSON.stringify(z.object({ data: PurchaseOrder }).parse(body).data)).toBe(
      JSON.stringify(listed),
    );
  });

  it('answers 404 with a request id for an unknown key', async () => {
    const { status, body, response } = await getJson(
      sandbox,
      '/api/erp/purchase-orders/59999999999999',
      token,
    );
    expect(status).toBe(404);
    expect(ApiErrorBody.parse(body).error.request_id).toBe(response.headers.get('x-request-id'));
  });

  it('pages line items across orders; an order reaches its lines only through lineItems', async () => {
    const LinePage = Page(PurchaseOrderLineItem);
    const first = LinePage.parse(
      (await getJson(sandbox, '/api/erp/purchase-orders.line-items?per_page=7', token)).body,
    );
    const all = await orders('?per_page=1000');
    const lineTotal = all.data.reduce((sum, order) => sum + (order.lineItems?.length ?? 0), 0);
    expect(first.meta.total).toBe(lineTotal);
    expect(first.data.map((line) => line.key)).toEqual(
      all.data
        .flatMap((order) => order.lineItems ?? [])
        .slice(0, 7)
        .map((line) => line.key),
    );
    // The spec has no field from a line to its order: the order's embedded lines are the relation.
    const order = all.data[3];
    for (const line of order?.lineItems ?? []) {
      const { status, body } = await getJson(
        sandbox,
        `/api/erp/purchase-orders.line-items/${line.key}`,
        token,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({ data: { key: line.key, cost: line.lineTotalValue } });
    }
    const invented = await getJson(
      sandbox,
      `/api/erp/purchase-orders.line-items?filter[purchaseOrderKey]=${order?.key}`,
      token,
    );
    expect(invented.status).toBe(400);
  });

  it.each([
    ['/api/erp/statuses/purchase-orders', PurchaseOrderStatus],
    ['/api/erp/vendors', Vendor],
    ['/api/erp/currencies', Currency],
    ['/api/erp/uom', UnitOfMeasure],
  ] as const)('%s passes the core schema', async (path, schema) => {
    const { status, body } = await getJson(sandbox, path, token);
    expect(status).toBe(200);
    expect(Page(schema).parse(body).data.length).toBeGreaterThan(0);
  });
});

describe('100,000 orders', () => {
  it('serves the last page and any line item without generating the rest', async () => {
    const big = await startSandbox({ port: 0, orders: 100_000 });
    try {
      const bigToken = await connectionToken(big, firstConnection(big).connectionKey);
      const { body } = await getJson(
        big,
        '/api/erp/purchase-orders?per_page=100&page=1000',
        bigToken,
      );
      const page = OrderPage.parse(body);
      expect(page.meta).toMatchObject({ total: 100_000, last_page: 1000, to: 100_000 });
      const lines = Page(PurchaseOrderLineItem).parse(
        (await getJson(big, '/api/erp/purchase-orders.line-items?per_page=5&sort[key]=1', bigToken))
          .body,
      );
      expect(lines.data.at(0)?.key).toBe(page.data.at(-1)?.lineItems?.at(-1)?.key);
    } finally {
      await big.close();
    }
  });
});
