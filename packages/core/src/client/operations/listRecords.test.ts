import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFetch } from '../../../test/serveFetch.js';
import { ValidationError } from '../../errors/MakiniError.js';
import { PurchaseOrder } from '../../index.js';
import { MakiniClient, type MakiniClientOptions } from '../MakiniClient.js';
import { getRecord } from './getRecord.js';
import type { InvalidRecordEvent } from './InvalidRecord.js';
import { invalidRecordOf } from './invalidRecordOf.js';
import { listRecords } from './listRecords.js';
import { pathKey } from './pathKey.js';

const order = (n: number) => ({
  key: `PO-${n}`,
  orderNo: `45000${n}`,
  orderDate: '2024-03-01T00:00:00Z',
  vendorKey: 'V1',
  totalNetValue: '125.50',
  shipmentAddress: { city: 'Oslo' },
  ZZ_COST_CENTER: '4711',
  lineItems: [
    { key: `L-${n}-1`, quantity: '2', price: '50.00' },
    { key: `L-${n}-2`, quantity: 1, price: '25.50' },
  ],
});

/** Each a different way a record breaks the model, and where the issue must point. */
const BREAKS: Array<{ path: string; make: (n: number) => unknown }> = [
  { path: 'key', make: (n) => ({ ...order(n), key: undefined }) },
  { path: 'orderDate', make: (n) => ({ ...order(n), orderDate: { date: '2024-03-01' } }) },
  { path: 'lineItems', make: (n) => ({ ...order(n), lineItems: 'L1,L2' }) },
  { path: 'totalNetValue', make: (n) => ({ ...order(n), totalNetValue: { value: '1.00' } }) },
  {
    path: 'lineItems.1.quantity',
    make: (n) => {
      const record = order(n);
      (record.lineItems[1] as Record<string, unknown>).quantity = { amount: 1 };
      return record;
    },
  },
  { path: 'key', make: (n) => ({ ...order(n), key: n }) },
  { path: 'shipmentAddress', make: (n) => ({ ...order(n), shipmentAddress: 'Oslo' }) },
  { path: '', make: () => null },
  { path: '', make: (n) => `PO-${n}` },
];

/**
 * Five pages. Pages 1 to 3 hold 20 orders with every tenth broken, each in another way; page 4
 * holds only broken records (one of each kind); page 5 ten good ones.
 */
const PAGES: unknown[][] = [];
let breakIndex = 0;
for (let page = 1; page <= 3; page++) {
  PAGES.push(
    Array.from({ length: 20 }, (_, i) => {
      const n = (page - 1) * 20 + i;
      return i % 10 === 9 ? (BREAKS[breakIndex++ % BREAKS.length]?.make(n) ?? null) : order(n);
    }),
  );
}
PAGES.push(BREAKS.map((broken, i) => broken.make(100 + i)));
PAGES.push(Array.from({ length: 10 }, (_, i) => order(200 + i)));
/** What each bad record's issue path must be, page by page. */
const EXPECTED_PATHS = [
  ['key', 'orderDate'],
  ['lineItems', 'totalNetValue'],
  ['lineItems.1.quantity', 'key'],
  BREAKS.map((broken) => broken.path),
  [],
];
const VALID_KEYS = PAGES.flat()
  .filter((record) => PurchaseOrder.safeParse(record).success)
  .map((record) => (record as { key: string }).key);
const INVALID_COUNT = PAGES.flat().length - VALID_KEYS.length;

let server: Awaited<ReturnType<typeof serveFetch>>;
let served = 0;
beforeAll(async () => {
  server = await serveFetch((request) => {
    const url = new URL(request.url);
    const requestId = `req_${++served}`;
    const headers = { 'content-type': 'application/json', 'x-request-id': requestId };
    if (url.pathname === '/api/erp/purchase-orders') {
      const page = Number(url.searchParams.get('page'));
      const body = {
        data: PAGES[page - 1] ?? [],
        links: { first: null, last: null, prev: null, next: null },
        meta: { current_page: page, last_page: PAGES.length, per_page: 20, total: 99 },
      };
      return new Response(JSON.stringify(body), { headers });
    }
    if (url.pathname === '/broken-envelope') {
      return new Response(JSON.stringify({ data: {}, meta: {} }), { headers });
    }
    const [, , , , key] = url.pathname.split('/');
    const record = key === 'good' ? order(1) : BREAKS[Number(key)]?.make(1);
    return new Response(JSON.stringify({ data: record }), { headers });
  });
});
afterAll(() => server.close());

const clientFor = (options: Partial<MakiniClientOptions> & { strict?: boolean } = {}) =>
  new MakiniClient({ baseUrl: server.url, token: 't', maxRetries: 0, ...options });

describe('a page where every tenth record is broken', () => {
  it('yields every valid record, walks every page and counts the bad ones', async () => {
    const orders = listRecords(clientFor(), '/api/erp/purchase-orders', PurchaseOrder);
    const keys: string[] = [];
    for await (const record of orders) keys.push(record.key);
    expect(keys).toEqual(VALID_KEYS);
    expect(keys).toHaveLength(64);
    expect(orders.pageCount).toBe(5);
    expect(orders.invalidRecordCount).toBe(INVALID_COUNT);
    expect(INVALID_COUNT).toBe(15);
  });

  it('keeps each bad record reachable with its raw JSON, index and issue path', async () => {
    const pages = listRecords(clientFor(), '/api/erp/purchase-orders', PurchaseOrder).pages();
    let number = 0;
    for await (const page of pages) {
      const sent = PAGES[number] ?? [];
      expect(page.invalidRecords.map((bad) => bad.issues[0]?.path)).toEqual(EXPECTED_PATHS[number]);
      for (const bad of page.invalidRecords) {
        expect(bad.raw).toEqual(sent[bad.index]);
        expect(bad.issues[0]?.message).toEqual(expect.any(String));
      }
      expect(page.data.length + page.invalidRecords.length).toBe(sent.length);
      number++;
    }
    expect(number).toBe(5);
  });

  it('keeps custom fields and exact decimals on the valid records', async () => {
    const page = await listRecords(clientFor(), '/api/erp/purchase-orders', PurchaseOrder);
    expect(page.data[0]?.customFields).toEqual({ ZZ_COST_CENTER: '4711' });
    expect(page.data[0]?.lineItems?.[1]?.quantity).toBe('1');
  });

  it('tells the client hook and the call hook of each, with the request id and operation', async () => {
    const fromClient: InvalidRecordEvent[] = [];
    const fromCall: InvalidRecordEvent[] = [];
    const client = clientFor({ hooks: { onInvalidRecord: (event) => fromClient.push(event) } });
    const orders = listRecords(client, '/api/erp/purchase-orders', PurchaseOrder, {
      onInvalidRecord: (event) => {
        fromCall.push(event);
        throw new Error('a failing hook fails nothing');
      },
    });
    for await (const _ of orders);
    expect(fromClient).toHaveLength(INVALID_COUNT);
    expect(fromCall).toEqual(fromClient);
    const [first] = fromClient;
    expect(first?.operation).toBe('GET /api/erp/purchase-orders');
    expect(first?.method).toBe('GET');
    expect(first?.path).toBe('/api/erp/purchase-orders?page=1');
    expect(first?.requestId).toMatch(/^req_\d+$/);
    expect(first?.record.index).toBe(9);
    const log = client.requestLog.list();
    expect(log.map((entry) => entry.requestId)).toContain(fromClient.at(-1)?.requestId);
  });

  it('strict: true throws ValidationError at the first bad record, per call or per client', async () => {
    const perCall = await listRecords(clientFor(), '/api/erp/purchase-orders', PurchaseOrder, {
      strict: true,
    }).catch((caught: unknown) => caught);
    expect(ValidationError.is(perCall)).toBe(true);
    expect((perCall as ValidationError).issuePath).toBe('data.9.key');
    expect((perCall as ValidationError).requestId).toMatch(/^req_/);

    const strictClient = clientFor({ strict: true });
    const perClient = await listRecords(strictClient, '/api/erp/purchase-orders', PurchaseOrder)
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(perClient)).toBe(true);
    const relaxed = await listRecords(strictClient, '/api/erp/purchase-orders', PurchaseOrder, {
      strict: false,
    });
    expect(relaxed.invalidRecords).toHaveLength(2);
  });

  it('a broken envelope is a ValidationError however tolerant the call', async () => {
    const error = await listRecords(clientFor(), '/broken-envelope', PurchaseOrder).catch(
      (caught: unknown) => caught,
    );
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issuePath).toBe('data');
    expect((error as ValidationError).message).toMatch(/envelope/);
  });
});

describe('one record that breaks its schema', () => {
  const path = (key: string) => `/api/erp/purchase-orders/${pathKey(key)}`;

  it('is returned as received and marked, and reported', async () => {
    const events: InvalidRecordEvent[] = [];
    const client = clientFor({ hooks: { onInvalidRecord: (event) => events.push(event) } });
    const record = await getRecord(client, path('1'), PurchaseOrder);
    expect(record).toEqual(BREAKS[1]?.make(1));
    expect(invalidRecordOf(record)?.issues[0]?.path).toBe('orderDate');
    expect(JSON.stringify(record)).toBe(JSON.stringify(BREAKS[1]?.make(1)));
    expect(events.map((event) => event.operation)).toEqual(['GET /api/erp/purchase-orders/1']);
  });

  it('throws under strict, and when it is no object at all', async () => {
    const strict = await getRecord(clientFor(), path('3'), PurchaseOrder, { strict: true }).catch(
      (caught: unknown) => caught,
    );
    expect((strict as ValidationError).issuePath).toBe('data.totalNetValue');
    const notObject = await getRecord(clientFor(), path('8'), PurchaseOrder).catch(
      (caught: unknown) => caught,
    );
    expect((notObject as ValidationError).issuePath).toBe('data');
  });

  it('a valid record carries no mark', async () => {
    const record = await getRecord(clientFor(), path('good'), PurchaseOrder);
    expect(invalidRecordOf(record)).toBeUndefined();
    expect(record.customFields).toEqual({ ZZ_COST_CENTER: '4711' });
  });

  it('a key refused in a path template rejects before any request, never throws', async () => {
    const client = clientFor();
    const before = client.requestLog.list().length;
    const template = '/api/erp/purchase-orders/{key}';
    for (const key of ['', '.', '..', '\ud800']) {
      let call: Promise<unknown> | undefined;
      expect(() => {
        call = getRecord(client, { template, params: { key } }, PurchaseOrder);
      }).not.toThrow();
      await expect(call).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'key' });
      await expect(call).rejects.toThrow(`GET ${template}: the key`);
    }
    expect(client.requestLog.list().length).toBe(before);
    expect(pathKey('PO/1 2')).toBe('PO%2F1%202');
  });
});
