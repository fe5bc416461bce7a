import { InvalidArgumentError, type MakiniClient } from '@makini-kit/core';
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

/** List calls with a mistake in them, and the argument each must name. */
const MISTAKES: Array<[string, () => PromiseLike<unknown>, string]> = [
  ['perPage 0', () => client.stocks.list({ perPage: 0 }), 'perPage'],
  ['perPage -1', () => client.stocks.list({ perPage: -1 }), 'perPage'],
  ['perPage 2.5', () => client.stocks.list({ perPage: 2.5 }), 'perPage'],
  ['page 0', () => client.stocks.list({ page: 0 }), 'page'],
  ['page 1.5', () => client.stocks.list({ page: 1.5 }), 'page'],
  [
    'a customFilter name with an operator in it',
    () => client.purchaseOrders.list({ customFilter: { 'totalNetValue:lt': '1' } }),
    'customFilter.totalNetValue:lt',
  ],
  [
    'an empty customFilter name',
    () => client.purchaseOrders.list({ customFilter: { '': '1' } }),
    'customFilter.',
  ],
  [
    'a customFilter name with brackets',
    () => client.purchaseOrders.list({ customFilter: { 'a[b]': '1' } }),
    'customFilter.a[b]',
  ],
];

describe('a list mistake rejects when awaited, never throws, and sends nothing', () => {
  it.each(MISTAKES)('%s', async (_, call, argument) => {
    const before = sandbox.admin.requests().length;
    let returned: PromiseLike<unknown> | undefined;
    expect(() => {
      returned = call();
    }).not.toThrow();
    const error = await Promise.resolve(returned).then(
      () => 'resolved',
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.is(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(sandbox.admin.requests().length).toBe(before);
  });
});
