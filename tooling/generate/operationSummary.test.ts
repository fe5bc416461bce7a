import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../packages/core/src/index.js';
import { nounOf, operationSummary } from './operationSummary.js';

describe('operation summaries', () => {
  it('read as plain English built from the resource name', () => {
    expect(
      operationSummary('purchaseOrders.lineItems.list', '/api/erp/purchase-orders.line-items'),
    ).toBe('List purchase-order line items');
    expect(
      operationSummary('purchaseOrders.lineItems.get', '/api/erp/purchase-orders.line-items/{key}'),
    ).toBe('Get a purchase-order line item by its key');
    expect(
      operationSummary('purchaseOrders.statuses.list', '/api/erp/statuses/purchase-orders'),
    ).toBe('List the statuses purchase orders can have');
    expect(operationSummary('users.get', '/api/erp/users/{key}')).toBe('Get a user by its key');
    expect(operationSummary('inventories.get', '/api/erp/inventories/{key}')).toBe(
      'Get an inventory by its key',
    );
    expect(operationSummary('invoices.updateStatus', '/api/erp/invoices/{key}/status')).toBe(
      'Change the status of an invoice',
    );
    expect(operationSummary('uom.list', '/api/erp/uom')).toBe('List units of measure');
  });

  it('singularizes the resource segments of the spec', () => {
    expect(nounOf('taxes').one).toBe('tax');
    expect(nounOf('currencies').one).toBe('currency');
    expect(nounOf('exchange-rates')).toEqual({ one: 'exchange rate', many: 'exchange rates' });
    expect(nounOf('addresses').one).toBe('address');
  });

  it('covers every operation without a schema name in the text', () => {
    const summaries = OPERATIONS.map((operation) => operationSummary(operation.id, operation.path));
    // A PascalCase word ("LineItem", "PurchaseOrders") is a schema name, not English.
    expect(summaries.filter((summary) => /\b[A-Z][a-z]+[A-Z]/.test(summary))).toEqual([]);
    expect(new Set(summaries).size).toBe(OPERATIONS.length);
  });

  it('refuses an operation no rule covers', () => {
    expect(() => operationSummary('vendors.archive', '/api/erp/vendors/{key}/archive')).toThrow(
      /No summary rule for vendors.archive/,
    );
  });
});
