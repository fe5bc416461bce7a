import { clientCredentials, MakiniClient } from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentOrders } from './recentOrders.js';

let sandbox: Sandbox;
let client: MakiniClient;
let connectionKey: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 30 }); // a free port, 30 orders per connection
  const { access_token } = await clientCredentials({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  });
  const system = new MakiniClient({ baseUrl: sandbox.url, token: access_token });
  connectionKey = sandbox.admin.connections()[0]?.connectionKey ?? '';
  const { token } = await system.connections.createToken(connectionKey);
  client = new MakiniClient({ baseUrl: sandbox.url, token });
});

afterAll(() => sandbox.close());

describe('recentOrders', () => {
  it('returns the newest orders first', async () => {
    const orders = await recentOrders(client, 5);
    expect(orders).toHaveLength(5);
    const dates = orders.map((order) => order.orderDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('fails with REAUTHORIZATION_REQUIRED once the customer changes their password', async () => {
    sandbox.admin.rotateCredentials(connectionKey);
    await expect(recentOrders(client, 5)).rejects.toMatchObject({
      code: 'REAUTHORIZATION_REQUIRED',
    });
  });
});
