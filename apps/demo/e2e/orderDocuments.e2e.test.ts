import { describe, expect, it } from 'vitest';
import { connectionRows } from './connectionRows.js';
import { demoInChromium, SHOTS } from './demoInChromium.js';

const harness = demoInChromium('docs');

type Json = Record<string, unknown>;

/** The sandbox's records as sent, with the connection's own token and plain fetch. */
async function sandboxList(connection: string, path: string): Promise<Json[]> {
  const token = (await harness.demo.backend.store.tokens.get(connection))?.tokens.accessToken ?? '';
  const response = await fetch(`${harness.demo.makiniUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Json[] }).data;
}

describe("the order page's receipts and invoices, in Chromium", () => {
  it("shows each visible order's receipts and invoices as the sandbox has them", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`${harness.demo.appUrl}/`);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    await page.getByRole('link', { name: 'Purchase orders' }).click();
    const rows = page.locator('table.orders tbody tr[data-order]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(10);
    const connection = (await harness.demo.backend.store.list())[0]?.key ?? '';
    const orderKeys = await rows.evaluateAll((all) => all.map((row) => row.dataset.order ?? ''));

    // The sandbox's documents, read independently, and the names the page should show for them.
    const receipts = await sandboxList(connection, '/api/erp/receipts?per_page=1000');
    const invoices = await sandboxList(connection, '/api/erp/invoices?per_page=1000');
    const currencies = await sandboxList(connection, '/api/erp/currencies?per_page=1000');
    const statuses = await sandboxList(connection, '/api/erp/statuses/invoices?per_page=1000');
    const name = (list: Json[], key: unknown, field: string) =>
      String(list.find((item) => item.key === key)?.[field]);
    let shown = 0;
    for (const key of orderKeys) {
      const documents = page.locator(`tr[data-documents="${key}"]`);
      const expectedReceipts = receipts.filter((receipt) => receipt.poKey === key);
      const expectedInvoices = invoices.filter((invoice) => invoice.poKey === key);
      await expect(
        documents
          .locator('[data-receipt]')
          .evaluateAll((all) => all.map((li) => li.dataset.receipt)),
      ).resolves.toEqual(expectedReceipts.map((receipt) => receipt.key));
      await expect(
        documents
          .locator('[data-invoice]')
          .evaluateAll((all) => all.map((li) => li.dataset.invoice)),
      ).resolves.toEqual(expectedInvoices.map((invoice) => invoice.key));
      if (expectedReceipts.length === 0) {
        await expect(documents.locator('[data-receipts]').textContent()).resolves.toContain(
          'No receipts yet',
        );
      }
      if (expectedInvoices.length === 0) {
        await expect(documents.locator('[data-invoices]').textContent()).resolves.toContain(
          'No invoices yet',
        );
      }
      for (const receipt of expectedReceipts) {
        const text = await documents.locator(`[data-receipt="${receipt.key}"]`).textContent();
        expect(text).toContain(String(receipt.code));
        expect(text).toContain(String(receipt.completedAt).slice(0, 10));
        shown++;
      }
      for (const invoice of expectedInvoices) {
        const text = await documents.locator(`[data-invoice="${invoice.key}"]`).textContent();
        expect(text).toContain(String(invoice.invoiceNumber));
        expect(text).toContain(String(invoice.invoiceDate).slice(0, 10));
        // The exact gross total (grouped for reading) with the currency's code, and the status.
        const gross = String(invoice.totalGrossValue).replace(/\B(?=(\d{3})+(?!\d)(?=\.|$))/g, ',');
        expect(text).toContain(`${gross} ${name(currencies, invoice.currencyKey, 'code')}`);
        expect(text).toContain(name(statuses, invoice.statusKey, 'name'));
        shown++;
      }
    }
    // The first page must hold documents to show, or this test proves nothing about them.
    expect(shown).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}8-order-documents.png`, fullPage: true });
    await page.close();
  });

  it('counts records that broke their schema in the developer panel, with a hint', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 1400 } });
    harness.demo.sandbox?.admin.corruptRecords(10);
    try {
      await page.goto(`${harness.demo.appUrl}/`);
      await page.getByRole('link', { name: 'Purchase orders' }).click();
      // Every tenth order of the page is broken: nine are listed, and the tenth is counted.
      await expect
        .poll(() => page.locator('[data-invalid-orders]').getAttribute('data-invalid-orders'), {
          timeout: 15_000,
        })
        .toBe('1');
      await expect(page.locator('table.orders tbody tr[data-order]').count()).resolves.toBe(9);
      await page.getByRole('link', { name: 'Developer' }).click();
      const panel = page.getByRole('table', { name: 'Invalid records' });
      const orders = panel.locator('tr[data-invalid-operation="GET /api/erp/purchase-orders"]');
      await expect.poll(() => orders.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expect(orders.first().locator('[data-count]').textContent()).resolves.toMatch(/^\d+$/);
      await expect(page.getByText('page.invalidRecords').count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: `${SHOTS}9-invalid-records.png`, fullPage: true });
    } finally {
      harness.demo.sandbox?.admin.clearFaults();
      await page.close();
    }
  });
});
