import { BadRequestError, type MakiniClient, ValidationError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
let client: MakiniClient;
let orderKey: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5, seed: 4 });
  ({ client } = await connectionClient(sandbox));
  const { data } = await client.purchaseOrders.list({ perPage: 1 });
  orderKey = data[0]?.key ?? '';
});
afterAll(() => sandbox.close());

describe('the fields the server refused are on the error', () => {
  it('a 422 for an invalid decimal names the field on e.fields', async () => {
    const error = await client.purchaseOrders
      .update(orderKey, { totalNetValue: 'twelve' })
      .catch((caught: unknown) => caught);
    expect(BadRequestError.is(error)).toBe(true);
    expect(ValidationError.is(error)).toBe(false);
    const refused = error as BadRequestError;
    expect(refused).toMatchObject({ status: 422, code: 'VALIDATION_ERROR' });
    expect(Object.keys(refused.fields ?? {})).toEqual(['totalNetValue']);
    expect(refused.fields?.totalNetValue?.[0]).toMatch(/decimal/);
    expect(refused.fields).toEqual((refused.body as { error: { fields: unknown } }).error.fields);
    expect(JSON.parse(JSON.stringify(refused)).fields).toEqual(refused.fields);
    expectTypeOf(refused.fields).toEqualTypeOf<
      Readonly<Record<string, readonly string[]>> | undefined
    >();
  });

  it('a 400 for a filter on an unknown field names it too', async () => {
    const error = await client.purchaseOrders
      .list({ customFilter: { totalAmount: { gt: '1' } } })
      .catch((caught: unknown) => caught);
    expect(BadRequestError.is(error)).toBe(true);
    expect(Object.keys((error as BadRequestError).fields ?? {})).toEqual([
      'filter[totalAmount:gt]',
    ]);
  });
});
