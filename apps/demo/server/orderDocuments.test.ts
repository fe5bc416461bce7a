import { clientCredentials, MakiniClient } from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrderDocuments } from './orderDocuments.js';

let sandbox: Sandbox;
let token: string;
let client: MakiniClient;

/** The sandbox's records as sent, read with plain fetch: the test's own view, not the kit's. */
async function raw(path: string): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${sandbox.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Array<Record<string, unknown>> }).data;
}

/** Sum of decimal strings in hundred-thousandths, exact for the sandbox's scales. */
const sum = (values: string[]) => {
  const units = values.reduce(
    (total, value) => total + BigInt(Math.round(Number(value) * 1e5)),
    0n,
  );
  return Number(units) / 1e5;
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 60 });
  const { access_token } = await clientCredentials({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  });
  const system = new MakiniClient({ baseUrl: sandbox.url, token: access_token });
  const key = sandbox.admin.connections()[0]?.connectionKey ?? '';
  token = (await system.connections.createToken(key)).token;
  client = new MakiniClient({ baseUrl: sandbox.url, token });
});
afterAll(() => sandbox.close());

describe('the receipts and invoices of an order', () => {
  it("are the sandbox's records that point to it, summarized exactly", async () => {
    const receipts = await raw('/api/erp/receipts?per_page=1000');
    const invoices = await raw('/api/erp/invoices?per_page=1000');
    const orders = await raw('/api/erp/purchase-orders?per_page=1000');
    const withReceipt = String(receipts[0]?.poKey);
    const withInvoice = String(invoices[0]?.poKey);
    const bare = orders
      .map((order) => String(order.key))
      .find(
        (key) => !receipts.some((r) => r.poKey === key) && !invoices.some((i) => i.poKey === key),
      );
    expect(bare).toBeDefined();

    const byOrder = await loadOrderDocuments(client, [withReceipt, withInvoice, bare ?? '']);

    const expectedReceipts = receipts.filter((receipt) => receipt.poKey === withReceipt);
    expect(expectedReceipts.length).toBeGreaterThan(0);
    expect(byOrder[withReceipt]?.receipts.map((receipt) => receipt.number)).toEqual(
      expectedReceipts.map((receipt) => receipt.code),
    );
    expect(byOrder[withReceipt]?.receipts.map((receipt) => receipt.date)).toEqual(
      expectedReceipts.map((receipt) => receipt.completedAt ?? null),
    );
    const lines = (receipt: Record<string, unknown>) =>
      (receipt.lineItems as Array<{ receivedQuantity?: string | null }>)
        .map((line) => line.receivedQuantity)
        .filter((value): value is string => typeof value === 'string');
    expect(
      byOrder[withReceipt]?.receipts.map((receipt) => Number(receipt.receivedQuantity)),
    ).toEqual(expectedReceipts.map((receipt) => sum(lines(receipt))));

    const expectedInvoices = invoices.filter((invoice) => invoice.poKey === withInvoice);
    expect(byOrder[withInvoice]?.invoices).toEqual(
      expectedInvoices.map((invoice) => ({
        key: invoice.key,
        number: invoice.invoiceNumber,
        date: invoice.invoiceDate ?? null,
        totalGrossValue: invoice.totalGrossValue ?? null,
        currencyKey: invoice.currencyKey ?? null,
        statusKey: invoice.statusKey ?? null,
      })),
    );

    expect(byOrder[bare ?? '']).toEqual({
      receipts: [],
      invoices: [],
      invalid: { receipts: 0, invoices: 0 },
    });
  });

  it('counts the records that broke their schema instead of dropping them silently', async () => {
    const receipts = await raw('/api/erp/receipts?per_page=1000');
    const poKey = String(receipts[0]?.poKey);
    sandbox.admin.corruptRecords(1);
    try {
      const byOrder = await loadOrderDocuments(client, [poKey]);
      const sent = receipts.filter((receipt) => receipt.poKey === poKey).length;
      expect(byOrder[poKey]?.invalid.receipts).toBe(sent);
      expect(byOrder[poKey]?.receipts).toEqual([]);
    } finally {
      sandbox.admin.clearFaults();
    }
  });

  it('carries a failed read on its order instead of failing the others', async () => {
    const byOrder = await loadOrderDocuments(client, ['4711'], {
      signal: AbortSignal.abort(),
    });
    expect(byOrder['4711']?.error?.code).toBe('ABORTED');
  });
});
