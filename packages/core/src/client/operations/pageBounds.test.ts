import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFetch } from '../../../test/serveFetch.js';
import { ValidationError } from '../../errors/MakiniError.js';
import { PageTooLargeError } from '../../errors/PageTooLargeError.js';
import { PurchaseOrder } from '../../index.js';
import { MakiniClient, type MakiniClientOptions } from '../MakiniClient.js';
import type { InvalidRecordEvent } from './InvalidRecord.js';
import { listRecords } from './listRecords.js';
import { MAX_KEPT_INVALID_RECORDS, MAX_PAGE_RECORDS } from './parseRecords.js';

const META = { current_page: 1, last_page: 1, per_page: 100, total: 1, from: 1, to: 1, path: 'x' };
const LINKS = { first: null, last: null, prev: null, next: null };
const good = (n: number) => ({ key: `PO-${n}` });

let server: Awaited<ReturnType<typeof serveFetch>>;
beforeAll(async () => {
  server = await serveFetch((request) => {
    const url = new URL(request.url);
    const count = Number(url.searchParams.get('count'));
    const kind = url.searchParams.get('kind');
    const data = Array.from({ length: count }, (_, n) => (kind === 'bad' ? 0 : good(n)));
    return new Response(JSON.stringify({ data, links: LINKS, meta: META }), {
      headers: { 'content-type': 'application/json' },
    });
  });
});
afterAll(() => server.close());

const clientFor = (options: Partial<MakiniClientOptions> = {}) =>
  new MakiniClient({ baseUrl: server.url, token: 't', maxRetries: 0, ...options });

/** A list of `count` records (`{ key }`, or `0`, which no record schema takes). */
const listIterable = (client: MakiniClient, count: number, kind: string, perPage?: number) =>
  listRecords(client, `/api/erp/purchase-orders?count=${count}&kind=${kind}`, PurchaseOrder, {
    perPage,
  });
const listOf = (client: MakiniClient, count: number, kind: string, perPage?: number) =>
  Promise.resolve(listIterable(client, count, kind, perPage));

describe('a page holding more records than it may', () => {
  it(`fails with PageTooLargeError past ${MAX_PAGE_RECORDS} records when no perPage was asked`, async () => {
    const events: InvalidRecordEvent[] = [];
    const client = clientFor({ hooks: { onInvalidRecord: (event) => events.push(event) } });
    const error = await listOf(client, MAX_PAGE_RECORDS + 1, 'bad').catch((e: unknown) => e);
    expect(PageTooLargeError.is(error)).toBe(true);
    expect(ValidationError.is(error)).toBe(true);
    expect(error).toMatchObject({ count: MAX_PAGE_RECORDS + 1, cap: MAX_PAGE_RECORDS });
    expect((error as Error).message).toMatch(`${MAX_PAGE_RECORDS + 1} records`);
    expect((error as Error).message).toMatch(`${MAX_PAGE_RECORDS}`);
    expect(events).toEqual([]);
    // One attempt: the same request would bring the same page.
    expect(client.requestLog.list()).toHaveLength(1);
  });

  it('fails past the perPage asked for', async () => {
    const error = await listOf(clientFor({ maxRetries: 2 }), 11, 'good', 10).catch((e) => e);
    expect(error).toMatchObject({ code: 'RESPONSE_VALIDATION_FAILED', count: 11, cap: 10 });
    expect((error as Error).message).toMatch(/perPage/);
    const page = await listOf(clientFor(), 10, 'good', 10);
    expect(page.data).toHaveLength(10);
  });
});

describe('a page of many invalid records', () => {
  it(`keeps the first ${MAX_KEPT_INVALID_RECORDS}, counts every one and tells the hook once about the rest`, async () => {
    const events: InvalidRecordEvent[] = [];
    const client = clientFor({ hooks: { onInvalidRecord: (event) => events.push(event) } });
    const count = 1000;
    const page = await listOf(client, count, 'bad', count);
    expect(page.data).toEqual([]);
    expect(page.invalidRecords).toHaveLength(MAX_KEPT_INVALID_RECORDS);
    expect(page.invalidRecordCount).toBe(count);
    expect(events).toHaveLength(MAX_KEPT_INVALID_RECORDS + 1);
    const last = events.at(-1);
    expect(last?.droppedCount).toBe(count - MAX_KEPT_INVALID_RECORDS);
    expect(last?.record.issues[0]?.message).toMatch(/not kept/);
  });

  it('counts every invalid record over an iteration', async () => {
    const orders = listIterable(clientFor(), 500, 'bad', 500);
    for await (const _ of orders) void _;
    expect(orders.invalidRecordCount).toBe(500);
  });
});
