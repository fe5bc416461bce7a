import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentials, MakiniClient } from '../../packages/core/src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 12 });
});
afterAll(() => sandbox.close());

describe('the generated resources against the sandbox', () => {
  it('read purchase orders, one by key, through client.purchaseOrders', async () => {
    const { access_token } = await clientCredentials({
      baseUrl: sandbox.url,
      clientId: DEFAULT_CLIENT.id,
      clientSecret: DEFAULT_CLIENT.secret,
    });
    const system = new MakiniClient({ baseUrl: sandbox.url, token: access_token });
    const connection = sandbox.admin.connections()[0];
    if (!connection) throw new Error('the sandbox seeded no connection');
    const { token } = await system.connections.createToken(connection.connectionKey);
    const client = new MakiniClient({ baseUrl: sandbox.url, token });

    const page = await client.purchaseOrders.list({ perPage: 5 });
    expect(page.data.length).toBeGreaterThan(0);
    const first = page.data[0];
    if (!first) throw new Error('no order on the first page');
    const order = await client.purchaseOrders.get(first.key);
    expect(order.key).toBe(first.key);
    expect(order.orderNo).toBe(first.orderNo);
    expect(typeof (order.totalNetValue ?? '')).toBe('string');
    expect(order.customFields).toBeTypeOf('object');
    system.close();
    client.close();
  });
});
