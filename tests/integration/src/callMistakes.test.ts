import { InvalidArgumentError, type MakiniClient, MakiniError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
let client: MakiniClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5, seed: 3 });
  ({ client } = await connectionClient(sandbox));
});
afterAll(() => sandbox.close());

/** Calls made with a mistake in them, the argument each must name, and a word of the fix. */
const MISTAKES: Array<[string, () => PromiseLike<unknown>, string, RegExp]> = [
  ['get with an empty key', () => client.purchaseOrders.get(''), 'key', /non-empty string/],
  ['get with no key', () => client.purchaseOrders.get(undefined as never), 'key', /got undefined/],
  [
    'update with an empty key',
    () => client.purchaseOrders.update('', { title: 'x' }),
    'key',
    /PUT \/api\/erp\/purchase-orders\/\{key\}/,
  ],
  [
    'a sub-collection get with an empty key',
    () => client.purchaseOrders.lineItems.get(''),
    'key',
    /purchase-orders\.line-items\/\{key\}/,
  ],
  [
    'a raw table with an empty name',
    () => client.raw.tables.data(''),
    'key',
    /raw\/tables\/\{key\}\/data/,
  ],
  [
    'a filter operator Makini does not know',
    () => client.stocks.list({ filter: { quantity: { gte: '1' } } } as never),
    'filter.quantity',
    /"gte".*gteq/,
  ],
  [
    'a sort direction as a number',
    () => client.stocks.list({ sort: { quantity: 1 } } as never),
    'sort.quantity',
    /'asc' or 'desc'/,
  ],
  [
    'filterMatch out of its values',
    () => client.stocks.list({ filterMatch: 'some' as never }),
    'filterMatch',
    /'all' or 'any'/,
  ],
  [
    'a blank idempotency key',
    () => client.purchaseOrders.create({ title: 'x' }, { idempotencyKey: ' ' }),
    'idempotencyKey',
    /UUID/,
  ],
  [
    'a per-call maxRetries out of range',
    () => client.purchaseOrders.get('PO-1', { maxRetries: -1 }),
    'maxRetries',
    /from 0 to 100/,
  ],
];

describe('a mistake in a call rejects, never throws', () => {
  it.each(MISTAKES)('%s', async (_, call, argument, fix) => {
    const before = sandbox.admin.requests().length;
    let returned: PromiseLike<unknown> | undefined;
    expect(() => {
      returned = call();
    }).not.toThrow();
    const handled = await Promise.resolve(returned).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(MakiniError.is(handled)).toBe(true);
    expect(InvalidArgumentError.is(handled)).toBe(true);
    expect(handled).toMatchObject({ code: 'INVALID_ARGUMENT', argument });
    expect((handled as Error).message).toContain(argument);
    expect((handled as Error).message).toMatch(fix);
    // Refused before sending: nothing reached the server.
    expect(sandbox.admin.requests().length).toBe(before);
  });

  it('.catch() on the call itself handles the mistake', async () => {
    const caught = await client.purchaseOrders.get('').catch((error: unknown) => error);
    expect(InvalidArgumentError.is(caught)).toBe(true);
    const caughtList = await client.stocks
      .list({ sort: { quantity: 1 } } as never)
      .catch((error: unknown) => error);
    expect(InvalidArgumentError.is(caughtList)).toBe(true);
  });

  it('a list with a mistake stays lazy: it rejects when awaited or iterated, not before', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const list = client.stocks.list({ filter: { quantity: { gte: '1' } } } as never);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      const iterated = await (async () => {
        for await (const _ of list) return 'yielded';
        return 'ended';
      })().catch((error: unknown) => error);
      expect(InvalidArgumentError.is(iterated)).toBe(true);
      await expect(list).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      const paged = await list
        .pages()
        .next()
        .catch((error: unknown) => error);
      expect(InvalidArgumentError.is(paged)).toBe(true);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
