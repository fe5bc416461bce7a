import { type InvalidRecordEvent, type PurchaseOrder, ValidationError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
/** Every order as the sandbox serves it unbroken, in list order. */
let clean: PurchaseOrder[];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 230, seed: 12 });
  const { client } = await connectionClient(sandbox);
  clean = [];
  for await (const order of client.purchaseOrders.list({ perPage: 40 })) clean.push(order);
});
afterAll(() => sandbox.close());

/** The fields where a broken record differs from its clean self: what the issue must name. */
function brokenFields(raw: unknown, order: PurchaseOrder | undefined): string[] {
  if (typeof raw !== 'object' || raw === null || !order) return [''];
  const sent = JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
  const names = new Set([...Object.keys(sent), ...Object.keys(raw)]);
  return [...names].filter(
    (name) => JSON.stringify((raw as Record<string, unknown>)[name]) !== JSON.stringify(sent[name]),
  );
}

describe('the sandbox breaks every tenth purchase order, each time another way', () => {
  it('every valid order arrives, every broken one is reachable with its raw JSON and issue path', async () => {
    expect(clean.length).toBe(230);
    const fromClient: InvalidRecordEvent[] = [];
    const fromCall: InvalidRecordEvent[] = [];
    const { client } = await connectionClient(sandbox, 0, {
      hooks: { onInvalidRecord: (event) => fromClient.push(event) },
    });
    sandbox.admin.corruptRecords(10);
    try {
      const orders = client.purchaseOrders.list({
        perPage: 40,
        onInvalidRecord: (event) => fromCall.push(event),
      });
      const keys: string[] = [];
      let pages = 0;
      let position = 0;
      const kinds = new Set<string>();
      for await (const page of orders.pages()) {
        pages++;
        for (const order of page.data) keys.push(order.key);
        for (const bad of page.invalidRecords) {
          const cleanOrder = clean[position + bad.index];
          expect(position + bad.index + 1).toSatisfy((n: number) => n % 10 === 0);
          const fields = brokenFields(bad.raw, cleanOrder);
          expect(fields).toContain(bad.issues[0]?.path.split('.')[0]);
          kinds.add(JSON.stringify(fields));
        }
        position += page.data.length + page.invalidRecords.length;
      }
      const expected = clean.filter((_, index) => (index + 1) % 10 !== 0).map((order) => order.key);
      expect(keys).toEqual(expected);
      expect(pages).toBe(6);
      expect(orders.invalidRecordCount).toBe(23);
      // missing key, a date and a decimal as objects, lineItems as text, key as a number, no object
      expect(kinds.size).toBeGreaterThanOrEqual(5);
      expect(fromClient).toHaveLength(23);
      expect(fromCall).toEqual(fromClient);
      const served = new Set(sandbox.admin.requests().map((entry) => entry.requestId));
      expect(fromClient.every((event) => served.has(event.requestId ?? ''))).toBe(true);
      expect(fromClient[0]?.operation).toBe('GET /api/erp/purchase-orders');
    } finally {
      sandbox.admin.corruptRecords(0);
    }
  });

  it('strict: true throws ValidationError at the first broken record', async () => {
    const { client } = await connectionClient(sandbox);
    sandbox.admin.corruptRecords(10);
    try {
      const error = await client.purchaseOrders.list({ perPage: 40, strict: true }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(ValidationError.is(error)).toBe(true);
      expect((error as ValidationError).issuePath).toMatch(/^data\.9(\.|$)/);
    } finally {
      sandbox.admin.corruptRecords(0);
    }
  });
});
