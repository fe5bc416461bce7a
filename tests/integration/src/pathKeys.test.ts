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

/** Keys a URL resolver would turn into another route, or that cannot be encoded. */
const CALLS: Array<[string, (key: string) => PromiseLike<unknown>, RegExp]> = [
  ['get', (key) => client.purchaseOrders.get(key), /GET \/api\/erp\/purchase-orders\/\{key\}/],
  [
    'updateStatus',
    (key) => client.purchaseOrders.updateStatus(key, { status: 'APPROVED' }),
    /PUT \/api\/erp\/purchase-orders\/\{key\}\/status/,
  ],
  ['delete', (key) => client.connections.delete(key), /DELETE \/api\/system\/connections\/\{key\}/],
  ['a raw table', (key) => client.raw.tables.data(key), /GET \/api\/raw\/tables\/\{key\}\/data/],
];

describe('a key that would address another route is refused before sending', () => {
  for (const [name, call, where] of CALLS) {
    it.each([
      ['.', /must not be "\."/],
      ['..', /must not be "\.\."/],
      ['\ud800', /lone UTF-16 surrogate/],
    ])(`${name} with %j`, async (key, why) => {
      const before = sandbox.admin.requests().length;
      let returned: PromiseLike<unknown> | undefined;
      expect(() => {
        returned = call(key);
      }).not.toThrow();
      const error = await Promise.resolve(returned).then(
        () => 'resolved',
        (caught: unknown) => caught,
      );
      expect(InvalidArgumentError.is(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('key');
      expect((error as Error).message).toMatch(where);
      expect((error as Error).message).toMatch(why);
      expect(sandbox.admin.requests().length).toBe(before);
    });
  }

  it('a key that only looks like a dot segment once decoded is sent encoded', async () => {
    await expect(client.purchaseOrders.get('%2e%2e')).rejects.toMatchObject({ status: 404 });
    expect(sandbox.admin.requests().at(-1)?.path).toMatch(/purchase-orders\/%252e%252e/);
  });
});
