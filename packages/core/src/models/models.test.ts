import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  ApiErrorBody,
  Connection,
  Currency,
  FieldMapping,
  Page,
  PurchaseOrder,
  parseFlag,
  parseTimestamp,
  TokenResponse,
  WebhookEvent,
} from './index.js';
import { normalizeExpiry } from './TokenResponse.js';

const order = {
  key: 'PO-1',
  orderNo: '4500000001',
  totalNetValue: '1234.50',
  shipmentAddress: { city: 'Aarhus', country: 'DK' },
  lineItems: [{ key: 'LI-1', quantity: '3', price: '411.50' }],
};

function issuePath(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error?.issues.map((issue) => issue.path.join('.'));
}

describe('bad input names the field', () => {
  it('a missing key', () => {
    const { key: _, ...withoutKey } = order;
    expect(issuePath(PurchaseOrder, withoutKey)).toEqual(['key']);
  });

  it('an object where a decimal belongs, deep in a line item', () => {
    const input = { ...order, lineItems: [{ key: 'LI-1', quantity: { value: 3 } }] };
    expect(issuePath(PurchaseOrder, input)).toEqual(['lineItems.0.quantity']);
  });

  it('a number where text belongs', () => {
    expect(issuePath(PurchaseOrder, { ...order, orderNo: 4500000001 })).toEqual(['orderNo']);
  });

  it('a string where an address object belongs', () => {
    expect(issuePath(PurchaseOrder, { ...order, billingAddress: 'Main St 1' })).toEqual([
      'billingAddress',
    ]);
  });

  it('an object where the line-item list belongs', () => {
    expect(issuePath(PurchaseOrder, { ...order, lineItems: { key: 'LI-1' } })).toEqual([
      'lineItems',
    ]);
  });

  it('a tags string that is broken JSON', () => {
    expect(issuePath(Connection, { key: 'c1', tags: '[1, 2]' })).toEqual(['tags']);
  });

  it('a negative page count', () => {
    const page = {
      data: [],
      links: {},
      meta: { current_page: 1, last_page: 1, per_page: 10, total: -1 },
    };
    expect(issuePath(Page(PurchaseOrder), page)).toEqual(['meta.total']);
  });

  it('a bad record inside a page', () => {
    const page = {
      data: [order, { ...order, key: '' }],
      links: {},
      meta: { current_page: 1, last_page: 1, per_page: 10, total: 2 },
    };
    expect(issuePath(Page(PurchaseOrder), page)).toEqual(['data.1.key']);
  });

  it('an unknown webhook event type', () => {
    const event = {
      id: 'evt_1',
      type: 'connection.exploded',
      created_at: 'now',
      connection_id: 'c1',
      data: {},
    };
    expect(issuePath(WebhookEvent, event)).toEqual(['type']);
  });

  it('a webhook event without the data its type requires', () => {
    const event = {
      id: 'evt_1',
      type: 'connection.reauthorization_required',
      created_at: '2026-01-01T00:00:00Z',
      connection_id: 'c1',
      data: {},
    };
    expect(issuePath(WebhookEvent, event)).toEqual(['data.reason']);
  });

  it('an error body without a code', () => {
    expect(issuePath(ApiErrorBody, { error: { message: 'nope' } })).toEqual(['error.code']);
  });

  it('a field mapping naming a field the model does not have', () => {
    const mapping = {
      platform: 'sap',
      purchase_order: [{ field: 'colour', source: 'X' }],
      line_item: [],
    };
    expect(issuePath(FieldMapping, mapping)).toEqual(['purchase_order.0.field']);
  });
});

describe('custom fields', () => {
  const withCustom = {
    ...order,
    ZZ_COST_CENTER: '4711',
    approvalChain: ['a', 'b'],
    lineItems: [{ key: 'LI-1', price: '1.00', U_PROJECT: 'P-9' }],
  };

  it('are kept and reachable as customFields', () => {
    const parsed = PurchaseOrder.parse(withCustom);
    expect(parsed.customFields).toEqual({ ZZ_COST_CENTER: '4711', approvalChain: ['a', 'b'] });
    expect(parsed.lineItems?.[0]?.customFields).toEqual({ U_PROJECT: 'P-9' });
    expect(parsed.shipmentAddress?.customFields).toEqual({});
  });

  it('survive parse → JSON → parse unchanged', () => {
    const once = PurchaseOrder.parse(withCustom);
    const json = JSON.stringify(once);
    expect(JSON.parse(json)).toEqual(withCustom);
    const twice = PurchaseOrder.parse(JSON.parse(json));
    expect(JSON.stringify(twice)).toBe(json);
    expect(twice.customFields).toEqual(once.customFields);
  });

  it('see later additions to the record', () => {
    const parsed = PurchaseOrder.parse(order) as Record<string, unknown> & PurchaseOrder;
    parsed.X_NEW = 1;
    expect(parsed.customFields).toEqual({ X_NEW: 1 });
  });
});

describe('lenient values', () => {
  it('converts JSON numbers in decimal fields to exact strings', () => {
    const parsed = PurchaseOrder.parse({
      key: 'PO-2',
      totalNetValue: 12.5,
      lineItems: [{ key: 'L', quantity: 3 }],
    });
    expect(parsed.totalNetValue).toBe('12.5');
    expect(parsed.lineItems?.[0]?.quantity).toBe('3');
  });

  it('parseFlag reads booleans and the text systems use for them', () => {
    expect([true, 'true', 'X', '1', 'yes'].map(parseFlag)).toEqual([true, true, true, true, true]);
    expect([false, 'false', '0', '', 'no'].map(parseFlag)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['string', null, undefined].map(parseFlag)).toEqual([undefined, undefined, undefined]);
  });

  it('parseTimestamp reads ISO 8601 and nothing else', () => {
    expect(parseTimestamp('2023-10-06T08:17:33Z')?.toISOString()).toBe('2023-10-06T08:17:33.000Z');
    expect(parseTimestamp('2023-10-06T10:17:33+02:00')?.toISOString()).toBe(
      '2023-10-06T08:17:33.000Z',
    );
    expect(parseTimestamp('2023-10-06')?.toISOString()).toBe('2023-10-06T00:00:00.000Z');
    expect(parseTimestamp('string')).toBeUndefined();
    expect(parseTimestamp('10/06/2023')).toBeUndefined();
    expect(parseTimestamp('2023-13-45T99:99:99Z')).toBeUndefined();
  });
});

describe('token expiry', () => {
  const now = Date.UTC(2026, 0, 1);

  it.each([
    ['seconds from now (number)', 3600, now + 3_600_000],
    ['seconds from now (string)', '3600', now + 3_600_000],
    ['epoch seconds (number)', 1_769_904_000, 1_769_904_000_000],
    ['epoch seconds (string)', '1769904000', 1_769_904_000_000],
    ['epoch milliseconds', 1_769_904_000_123, 1_769_904_000_123],
  ])('normalizes %s', (_, value, expected) => {
    expect(normalizeExpiry(value, now)).toBe(expected);
  });

  it.each(['string', '', -5, null, undefined, Number.NaN])('has no expiry for %j', (value) => {
    expect(normalizeExpiry(value, now)).toBeUndefined();
  });

  it('TokenResponse adds an absolute expiresAt', () => {
    const before = Date.now();
    const token = TokenResponse.parse({ access_token: 'a', refresh_token: 'r', expires_in: 60 });
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(TokenResponse.parse({ access_token: 'a', expires_in: 'string' }).expiresAt).toBeNull();
  });
});

describe('messages for a field of the wrong JSON type', () => {
  it('says a decimal must be a decimal string, naming an example', () => {
    const result = PurchaseOrder.safeParse({ key: 'K', totalNetValue: { amount: 10 } });
    expect(result.error?.issues).toMatchObject([
      {
        path: ['totalNetValue'],
        message: 'must be a decimal, as a string such as "12.50" (or a JSON number)',
      },
    ]);
  });

  it('says a flag must be a boolean or yes/no text', () => {
    const result = Currency.safeParse({ key: 'EUR', isActive: { yes: true } });
    expect(result.error?.issues).toMatchObject([
      { path: ['isActive'], message: expect.stringContaining('must be a yes/no flag') },
    ]);
  });
});
