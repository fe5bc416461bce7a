import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, firstConnection, getJson } from '../testHelpers.js';

/** Every refusal says what was wrong and what would be right. */
let sandbox: Sandbox;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 3 });
  token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
});
afterAll(() => sandbox.close());

type ErrorBody = { error: { message: string; fields?: Record<string, string[]> } };
const get = async (path: string) => (await getJson<ErrorBody>(sandbox, path, token)).body.error;
const put = async (body: string) => {
  const order = await getJson<{ data: Array<{ key: string }> }>(
    sandbox,
    '/api/erp/purchase-orders?per_page=1',
    token,
  );
  const response = await fetch(
    `${sandbox.url}/api/erp/purchase-orders/${order.body.data[0]?.key}`,
    {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    },
  );
  return ((await response.json()) as ErrorBody).error;
};

describe('messages', () => {
  it('page and per_page say the range they take and what they got', async () => {
    expect((await get('/api/erp/purchase-orders?page=0')).message).toBe(
      'page must be a whole number, 1 or more (the first page is 1); got "0".',
    );
    expect((await get('/api/erp/purchase-orders?per_page=5000')).message).toBe(
      'per_page must be a whole number from 1 to 1000; got "5000".',
    );
  });

  it('an unknown filter field lists only the fields a filter can compare', async () => {
    const { message } = await get('/api/erp/purchase-orders?filter[totalAmount]=1');
    expect(message).toContain('filters an unknown field; filterable fields: key,');
    expect(message).toContain('totalNetValue');
    expect(message).not.toContain('shipmentAddress');
    expect(message).not.toContain('lineItems');
  });

  it('a filter on an object or a list says it holds no value to compare', async () => {
    expect((await get('/api/erp/purchase-orders?filter[shipmentAddress]=x')).message).toMatch(
      /^filter\[shipmentAddress\] cannot filter by shipmentAddress: it holds an object, not a value; filterable fields: key,/,
    );
    expect((await get('/api/erp/purchase-orders?filter[lineItems:contains]=x')).message).toMatch(
      /cannot filter by lineItems: it holds a list of objects, not a value/,
    );
  });

  it('a decimal sent as an object says how to send a decimal', async () => {
    expect((await put('{"totalNetValue":{"amount":"12.50"}}')).fields).toEqual({
      totalNetValue: ['must be a decimal, as a string such as "12.50"'],
    });
  });

  it('a body that is not an object says so, and what it is', async () => {
    const error = await put('"just a string"');
    expect(error.message).toBe('The body must be a JSON object, not a string.');
    expect(error.fields).toEqual({ body: ['must be a JSON object, not a string'] });
    expect((await put('[1]')).message).toBe('The body must be a JSON object, not a list.');
  });
});
