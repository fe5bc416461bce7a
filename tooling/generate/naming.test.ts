import { describe, expect, it } from 'vitest';
import { MakiniClient, OPERATIONS } from '../../packages/core/src/index.js';
import { loadOverlaidSpecs } from '../openapi/loadOverlaidSpecs.js';
import { operationName } from './operationName.js';

const specs = loadOverlaidSpecs();
const specOperations = (['system', 'erp'] as const).flatMap((spec) =>
  Object.entries(specs[spec].paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { operationId: string }>).map(([method, operation]) => ({
      spec,
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
    })),
  ),
);

describe('the naming rule', () => {
  it('names every operation of the overlaid specs as its operationId', () => {
    const wrong = specOperations
      .filter(
        (operation) => operationName(operation.method, operation.path) !== operation.operationId,
      )
      .map((operation) => `${operation.method} ${operation.path}: ${operation.operationId}`);
    expect(wrong).toEqual([]);
  });

  it('follows the documented examples', () => {
    expect(operationName('GET', '/api/erp/purchase-orders')).toBe('purchaseOrders.list');
    expect(operationName('POST', '/api/erp/purchase-orders')).toBe('purchaseOrders.create');
    expect(operationName('PUT', '/api/erp/purchase-orders/{key}/status')).toBe(
      'purchaseOrders.updateStatus',
    );
    expect(operationName('GET', '/api/erp/purchase-orders.line-items/{key}')).toBe(
      'purchaseOrders.lineItems.get',
    );
    expect(operationName('GET', '/api/erp/statuses/return-orders')).toBe(
      'returnOrders.statuses.list',
    );
    expect(operationName('GET', '/api/erp/exchange-rates')).toBe('exchangeRates.list');
    expect(operationName('GET', '/api/erp/uom/{key}')).toBe('uom.get');
    expect(operationName('PUT', '/api/erp/materials/{key}/inventory')).toBe(
      'materials.updateInventory',
    );
    expect(operationName('GET', '/api/raw/tables/{table}/data')).toBe('raw.tables.data');
    expect(() => operationName('PATCH', '/api/erp/purchase-orders')).toThrow(/No naming rule/);
  });

  it('lists all 120 operations in OPERATIONS, one per spec operation', () => {
    expect(OPERATIONS).toHaveLength(120);
    expect(
      OPERATIONS.map((operation) => `${operation.method} ${operation.path} ${operation.id}`).sort(),
    ).toEqual(
      specOperations
        .map((operation) => `${operation.method} ${operation.path} ${operation.operationId}`)
        .sort(),
    );
  });

  it('reaches every OPERATIONS id as a method of a client', () => {
    const client = new MakiniClient({ token: 'x' });
    const missing = OPERATIONS.filter((operation) => {
      let target: unknown = client;
      for (const part of operation.id.split('.'))
        target = (target as Record<string, unknown> | undefined)?.[part];
      return typeof target !== 'function';
    }).map((operation) => operation.id);
    expect(missing).toEqual([]);
    client.close();
  });

  it('keeps the names the client had', () => {
    const client = new MakiniClient({ token: 'x' });
    expect(client.client).toBe(client.application);
    expect(typeof client.purchaseOrders.statuses).toBe('function');
    expect(typeof client.purchaseOrders.lineItems).toBe('function');
    client.close();
  });
});

/** Type-level checks, run by `tsc -p tooling` (never called). */
function typedByFields(client: MakiniClient) {
  client.invoices.list({
    filter: { poKey: 'PO-1', totalNetValue: { gt: '100' } },
    sort: { invoiceDate: 'desc' },
  });
  // @ts-expect-error invoices have no field called orderColour
  client.invoices.list({ filter: { orderColour: 'red' } });
  // @ts-expect-error a write's body is typed by the spec's request body
  client.purchaseOrders.updateStatus('PO-1', { status: 42 });
}
void typedByFields;
