import { MakiniClient, PaginationError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';
import { serveFetch } from './nodeFetchServer.js';

/**
 * A server that misbehaves the way a broken paginator does: `meta.current_page` is `stuckAt` (or
 * goes back) whatever page is asked for, while `last_page` promises more. The sandbox pages
 * correctly, so this case needs its own server.
 */
function brokenPaginator(currentPage: (asked: number) => number) {
  const asked: number[] = [];
  const server = serveFetch((request) => {
    const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
    asked.push(page);
    const body = {
      data: [{ id: `p${page}`, name: `Platform ${page}` }],
      links: { first: null, last: null, prev: null, next: null },
      meta: { current_page: currentPage(page), last_page: 5, per_page: 1, total: 5 },
    };
    return Response.json(body, { headers: { 'x-request-id': `req_page_${page}` } });
  });
  return { server, asked };
}

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

describe('pagination that does not advance', () => {
  it('stops with a PaginationError when the server repeats current_page', async () => {
    const { server, asked } = brokenPaginator(() => 1);
    const { url, close } = await server;
    closeServer = close;
    const client = new MakiniClient({ baseUrl: url, token: 'sk_test_token', maxRetries: 0 });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const platform of client.platforms.list()) seen.push(platform);
    })().catch((caught: unknown) => caught);
    expect(PaginationError.is(error)).toBe(true);
    expect((error as PaginationError).code).toBe('PAGINATION_STALLED');
    expect((error as PaginationError).requestedPage).toBe(2);
    expect((error as PaginationError).currentPage).toBe(1);
    expect((error as PaginationError).message).toMatch(/page 2/);
    expect(asked).toEqual([1, 2]);
    expect(seen).toHaveLength(1);
  });

  it('stops with a PaginationError when the server goes back', async () => {
    const { server, asked } = brokenPaginator((page) => (page >= 3 ? 1 : page));
    const { url, close } = await server;
    closeServer = close;
    const client = new MakiniClient({ baseUrl: url, token: 'sk_test_token', maxRetries: 0 });
    const pages: number[] = [];
    const error = await (async () => {
      for await (const page of client.platforms.list().pages()) pages.push(page.meta.current_page);
    })().catch((caught: unknown) => caught);
    expect(PaginationError.is(error)).toBe(true);
    expect(pages).toEqual([1, 2]);
    expect(asked).toEqual([1, 2, 3]);
  });
});

describe('pagination that pages forward for ever', () => {
  it('stops with a PaginationError when a page repeats the records of the page before, however far last_page reaches', async () => {
    const asked: number[] = [];
    const { url, close } = await serveFetch((request) => {
      const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
      asked.push(page);
      // Echoes the page asked for, promises 2^53-1 pages, and serves the same record on each.
      return Response.json({
        data: [{ id: 'same-platform', name: 'Same' }],
        links: { first: null, last: null, prev: null, next: null },
        meta: {
          current_page: page,
          last_page: Number.MAX_SAFE_INTEGER,
          per_page: 1,
          total: Number.MAX_SAFE_INTEGER,
        },
      });
    });
    closeServer = close;
    const client = new MakiniClient({ baseUrl: url, token: 'sk_test_token', maxRetries: 0 });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const platform of client.platforms.list()) {
        seen.push(platform);
        // A guard for the test only: without the check the loop would run 2^53 pages.
        if (seen.length >= 50) return 'not stopped after 50 pages';
      }
    })().catch((caught: unknown) => caught);
    expect(PaginationError.is(error)).toBe(true);
    expect((error as PaginationError).code).toBe('PAGINATION_STALLED');
    expect((error as PaginationError).requestedPage).toBe(2);
    expect((error as PaginationError).message).toMatch(/same records/);
    expect(asked).toEqual([1, 2]);
    expect(seen).toHaveLength(1);
  });
});

describe('pagination against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, orders: 45 });
  });
  afterAll(() => sandbox.close());

  it('still walks every page of a well-behaved server, from a later start page too', async () => {
    const { client } = await connectionClient(sandbox);
    const keys: string[] = [];
    for await (const order of client.purchaseOrders.list({ perPage: 10 })) keys.push(order.key);
    expect(new Set(keys).size).toBe(45);
    const later: number[] = [];
    for await (const page of client.purchaseOrders.list({ perPage: 10, page: 3 }).pages())
      later.push(page.meta.current_page);
    expect(later).toEqual([3, 4, 5]);
  });
});
