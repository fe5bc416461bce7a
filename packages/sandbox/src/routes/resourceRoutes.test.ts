import { addDecimal } from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, getJson, startReceiver } from '../testHelpers.js';

let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ port: 0, orders: 60, webhooks: [{ url: receiver.url }] });
  for (const connection of sandbox.admin.connections())
    tokens[connection.platform] = await connectionToken(sandbox, connection.connectionKey);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

type Rec = Record<string, unknown>;
const sap = () => tokens['sap-s4hana'] ?? '';
const list = async (path: string, token = sap()) =>
  (await getJson<{ data: Rec[]; meta: Rec }>(sandbox, path, token)).body;
const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sap()}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('seeded resources', () => {
  it('serves every list resource of the spec on every platform that has it', async () => {
    const { status, body } = await getJson<{ data: Rec[] }>(sandbox, '/api/erp/invoices', sap());
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    // A platform without the resource: an empty list, 404 for a record, 422 for a create.
    const maximo = await getJson(sandbox, '/api/erp/sales-orders', tokens['ibm-maximo']);
    expect(maximo.status).toBe(200);
    expect(maximo.body).toMatchObject({ data: [], meta: { total: 0 } });
    const one = await getJson(sandbox, '/api/erp/sales-orders/1', tokens['ibm-maximo']);
    expect(one.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const created = await fetch(`${sandbox.url}/api/erp/sales-orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens['ibm-maximo']}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(created.status).toBe(422);
  });

  it('resolves references: an invoice points to an order and a vendor that exist, and its totals match', async () => {
    const invoices = await list('/api/erp/invoices?per_page=5');
    for (const invoice of invoices.data) {
      const order = await getJson<{ data: Rec }>(
        sandbox,
        `/api/erp/purchase-orders/${invoice.poKey}`,
        sap(),
      );
      expect(order.status).toBe(200);
      expect(invoice.totalNetValue).toBe(order.body.data.totalNetValue);
      const vendor = await getJson(sandbox, `/api/erp/vendors/${invoice.vendorKey}`, sap());
      expect(vendor.status).toBe(200);
    }
  });

  it('adds up sales-order lines to their totals-free lines and has realistic names', async () => {
    const materials = await list('/api/erp/materials?per_page=3');
    expect(materials.data[0]?.name).toBe('Deep groove ball bearing 6204-2RS');
    const orders = await list('/api/erp/production-orders?per_page=5');
    for (const order of orders.data) {
      const lines = order.lineItems as Rec[];
      expect(order.totalNetValue).toBe(
        addDecimal('0.00', ...lines.map((line) => String(line.lineTotalValue))),
      );
    }
  });

  it('is the same data for the same seed', async () => {
    const other = await startSandbox({ port: 0, orders: 60 });
    try {
      const key = other.admin.connections()[0]?.connectionKey ?? '';
      const otherToken = await connectionToken(other, key);
      const mine = await list('/api/erp/stocks?per_page=10');
      expect((await getJson(other, '/api/erp/stocks?per_page=10', otherToken)).body).toEqual({
        ...mine,
        links: expect.anything(),
        meta: expect.anything(),
      });
    } finally {
      await other.close();
    }
  });

  it('filters with every operator, lted as lteq, and sorts on any field', async () => {
    const all = await list('/api/erp/vendors?per_page=100&sort[name]=1');
    const names = all.data.map((vendor) => String(vendor.name));
    expect(names).toEqual([...names].sort().reverse());
    const some = await list('/api/erp/vendors?filter[name:contains]=group');
    expect(some.data.map((vendor) => vendor.name)).toEqual(['SKF Group']);
    const lted = await list('/api/erp/vendors?filter[key:lted]=04000000000001');
    const lteq = await list('/api/erp/vendors?filter[key:lteq]=04000000000001');
    expect(lted.data).toHaveLength(2);
    expect(lted.data).toEqual(lteq.data);
  });
});

describe('writes', () => {
  it('creates a record, persists it, and sends its inserted webhook', async () => {
    const response = await send('POST', '/api/erp/customers', { name: 'Lindø Port', code: 'D-99' });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: Rec };
    const fetched = await getJson<{ data: Rec }>(sandbox, `/api/erp/customers/${data.key}`, sap());
    expect(fetched.body.data.name).toBe('Lindø Port');
    await expect
      .poll(() => receiver.received.some((entry) => entry.body.includes('"customer.inserted"')))
      .toBe(true);
  });

  it('answers 422 naming the field that does not fit, and stores nothing', async () => {
    const before = (await list('/api/erp/products?per_page=1')).meta.total;
    const response = await send('POST', '/api/erp/products', {
      name: 'Valve',
      price: { amount: 1 },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'VALIDATION_ERROR',
        // ProductInput.price is a string in the spec's request body.
        message: 'price must be a string.',
        fields: { price: ['must be a string'] },
      },
    });
    // Each problem names the field by its path and what the generated request schema expects.
    const problems = async (path: string, body: unknown) =>
      ((await (await send('POST', path, body)).json()) as { error: { fields: Rec } }).error.fields;
    expect(await problems('/api/erp/products', { name: 12 })).toEqual({
      name: ['must be a string'],
    });
    expect(await problems('/api/erp/purchase-orders', { totalNetValue: 'lots' })).toEqual({
      totalNetValue: ['must be a decimal, as a string such as "12.50"'],
    });
    expect(await problems('/api/erp/invoices', { lineItem: 'one' })).toEqual({
      lineItem: ['must be a list'],
    });
    expect(await problems('/api/erp/purchase-orders', { orderDate: 'next Tuesday' })).toEqual({
      orderDate: ['must be an ISO 8601 date-time such as "2024-05-01T08:00:00Z"'],
    });
    expect(await problems('/api/passthrough', { path: 'LFA1' })).toEqual({
      method: ['is required'],
    });
    const unknownVendor = await send('POST', '/api/erp/invoices', { vendorKey: '04999999999999' });
    expect(
      ((await unknownVendor.json()) as { error: { fields: Rec } }).error.fields,
    ).toHaveProperty('vendorKey');
    expect((await list('/api/erp/products?per_page=1')).meta.total).toBe(before);
  });

  it('allows only listed statuses', async () => {
    const order = (await list('/api/erp/purchase-orders?per_page=1')).data[0];
    const bad = await send('PUT', `/api/erp/purchase-orders/${order?.key}/status`, {
      status: 'Teleported',
    });
    expect(bad.status).toBe(422);
    const good = await send('PUT', `/api/erp/purchase-orders/${order?.key}/status`, {
      status: 'CLOSED',
    });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { data: Rec }).data.statusKey).toBe('03000000000006');
  });

  it('replays the first reply for a repeated Idempotency-Key and refuses it with another body', async () => {
    const headers = { 'idempotency-key': 'create-product-1' };
    const first = await send('POST', '/api/erp/products', { name: 'Gasket' }, headers);
    const again = await send('POST', '/api/erp/products', { name: 'Gasket' }, headers);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await send('POST', '/api/erp/products', { name: 'O-ring' }, headers);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('raw tables, passthrough and the corruptRecords fault', () => {
  it('lists the platform tables and their rows', async () => {
    expect((await list('/api/raw/tables')).data.map((table) => table.name)).toEqual([
      'EKKO',
      'LFA1',
      'MARA',
    ]);
    expect((await list('/api/raw/tables/LFA1/data?per_page=2')).data[0]).toHaveProperty('NAME1');
    const response = await send('POST', '/api/passthrough', { path: 'LFA1', method: 'get' });
    expect(response.status).toBe(200);
  });

  it('serves raw rows from the stored records: deterministic per seed, following writes', async () => {
    const before = await list('/api/raw/tables/EKKO/data?per_page=100');
    const other = await startSandbox({ port: 0, orders: 60 });
    try {
      const key = other.admin.connections()[0]?.connectionKey ?? '';
      const again = await getJson<{ data: Rec[] }>(
        other,
        '/api/raw/tables/EKKO/data?per_page=100',
        await connectionToken(other, key),
      );
      expect(again.body.data).toEqual(before.data);
    } finally {
      await other.close();
    }
    const created = (await (
      await send('POST', '/api/erp/purchase-orders', { orderNo: '4500099999' })
    ).json()) as { data: Rec };
    const after = await list(`/api/raw/tables/EKKO/data?filter[EBELN]=4500099999`);
    expect(after.data).toEqual([expect.objectContaining({ EBELN: created.data.orderNo })]);
    expect((await list('/api/raw/tables/EKKO/data?per_page=1')).meta.total).toBe(
      Number(before.meta.total) + 1,
    );
  });

  it('breaks every nth record a different way, until switched off', async () => {
    sandbox.admin.corruptRecords(10);
    const page = await list('/api/erp/purchase-orders?per_page=30');
    expect(page.data[9]).not.toHaveProperty('key');
    expect(typeof (page.data[19] as Rec).orderDate).toBe('object');
    expect(typeof (page.data[29] as Rec).lineItems).toBe('string');
    expect(page.data[8]).toHaveProperty('key');
    sandbox.admin.corruptRecords(0);
    expect((await list('/api/erp/purchase-orders?per_page=30')).data[9]).toHaveProperty('key');
  });
});

describe('writes stored as the record schema holds them', () => {
  it('turns a text address into the address record the record schema holds', async () => {
    const rfq = (await (
      await send('POST', '/api/erp/rfq', { shippingAddress: 'Leopoldstraße 12' })
    ).json()) as { data: Rec };
    expect(rfq.data.shippingAddress).toEqual([
      expect.objectContaining({ addressLines: 'Leopoldstraße 12' }),
    ]);
    const order = (await (
      await send('POST', '/api/erp/sales-orders', { shipmentAddress: 'Leopoldstraße 12' })
    ).json()) as { data: Rec };
    expect(order.data.shipmentAddress).toMatchObject({ addressLines: 'Leopoldstraße 12' });
    const read = await getJson<{ data: Rec }>(sandbox, `/api/erp/rfq/${rfq.data.key}`, sap());
    expect(read.body.data.shippingAddress).toEqual(rfq.data.shippingAddress);
  });
});

describe('filters and sort by field kind', () => {
  it('compares date-times as instants, decimals as numbers and text as text', async () => {
    const order = (await list('/api/erp/purchase-orders?per_page=1')).data[0] as Rec;
    const instant = new Date(String(order.orderDate));
    // The same instant five hours ahead: as text it sorts after the order's UTC date.
    const shifted = new Date(instant.getTime() + 5 * 3_600_000)
      .toISOString()
      .replace(/\.\d+Z$/, '+05:00');
    const at = (op: string) =>
      list(
        `/api/erp/purchase-orders?per_page=1000&filter[orderDate:${op}]=${encodeURIComponent(shifted)}`,
      );
    const keys = (page: { data: Rec[] }) => page.data.map((record) => record.key);
    expect(keys(await at('gteq'))).toContain(order.key);
    expect(keys(await at('gt'))).not.toContain(order.key);
    const sorted = await list('/api/erp/purchase-orders?per_page=60&sort[totalNetValue]=0');
    const totals = sorted.data.map((record) => Number(record.totalNetValue));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });
});
