import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, exchangeCode, getJson, runLink } from '../testHelpers.js';

/** A connection's purchase orders are found by key however many connections came before it. */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 2 });
});
afterAll(() => sandbox.close());

describe('purchase-order keys', () => {
  it('resolve for the 101st connection and later', async () => {
    while (sandbox.admin.connections().length < 102) {
      const n = sandbox.admin.connections().length;
      const link = await runLink(sandbox, {
        platform: 'ibm-maximo',
        username: `CUSTOMER_${n}`,
        password: `pw-${n}`,
      });
      await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '');
    }
    const connections = sandbox.admin.connections();
    for (const connection of [connections[99], connections[100], connections[101]]) {
      const token = await connectionToken(sandbox, connection?.connectionKey ?? '');
      const page = await getJson<{ data: Array<{ key: string }> }>(
        sandbox,
        '/api/erp/purchase-orders',
        token,
      );
      const keys = page.body.data.map((order) => order.key);
      expect(keys).toHaveLength(2);
      for (const key of keys) {
        const one = await getJson(sandbox, `/api/erp/purchase-orders/${key}`, token);
        expect(one.status).toBe(200);
        const line = await getJson(sandbox, `/api/erp/purchase-orders.line-items/${key}001`, token);
        expect(line.status).toBe(200);
      }
      expect(new Set(keys).size).toBe(2);
    }
  });
});
