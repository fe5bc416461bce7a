import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  Address,
  Connection,
  Platform,
  PurchaseOrder,
  PurchaseOrderLineItem,
  PurchaseOrderStatus,
  Vendor,
} from '../../index.js';
import { decimal, flag, key, recordId, stringList, text, timestamp } from '../../models/fields.js';
import { PageEnvelope } from '../../models/Page.js';
import { compileParser, NO_MATCH } from './compileParser.js';

/**
 * The fast path gives zod's output, custom fields included, or leaves the value to zod (it may be
 * stricter than zod, never laxer). Returns whether it took the value.
 */
function expectSameAsZod(schema: z.ZodType, value: unknown) {
  const generated = compileParser(schema);
  const closures = compileParser(schema, { generate: false });
  expect(generated).toBeDefined();
  const slow = schema.safeParse(value);
  const custom = (record: unknown) => (record as { customFields?: unknown })?.customFields;
  const matches = (fast: unknown) => {
    if (fast === NO_MATCH) return false;
    expect(slow.success, `fast path accepted what zod refuses: ${JSON.stringify(value)}`).toBe(
      true,
    );
    expect(fast).toStrictEqual(slow.data);
    expect(Object.keys(fast as object).sort()).toEqual(Object.keys(slow.data as object).sort());
    expect(custom(fast)).toStrictEqual(custom(slow.data));
    return true;
  };
  const fromClosures = matches(closures?.(value));
  const fromGenerated = matches(generated?.(value));
  // Generated code may leave more to zod than the closures (a present key holding undefined).
  if (fromGenerated) expect(fromClosures).toBe(true);
  return fromGenerated;
}

const order = {
  key: 'PO-1',
  orderDate: '2024-03-01',
  totalNetValue: 12.5,
  notes: null,
  shipmentAddress: { city: 'Oslo', ZZ_GATE: '4' },
  ZZ_COST_CENTER: '4711',
  lineItems: [{ key: 'L1', quantity: '2', price: 3, ZZ_BIN: 'A1' }],
};

describe('compileParser', () => {
  it('matches zod on valid records of every model', () => {
    expect(expectSameAsZod(PurchaseOrder, order)).toBe(true);
    expect(expectSameAsZod(PurchaseOrderLineItem, order.lineItems[0])).toBe(true);
    expect(expectSameAsZod(Address, { city: 'Oslo' })).toBe(true);
    for (const schema of [Vendor, PurchaseOrderStatus, Platform, Connection]) {
      if (compileParser(schema)) expectSameAsZod(schema, { key: 'k', id: 'i', name: 'n' });
    }
  });

  it('leaves every broken record to zod', () => {
    const broken: unknown[] = [
      { ...order, key: undefined },
      { ...order, key: '' },
      { ...order, key: 7 },
      { ...order, orderDate: { date: 'x' } },
      { ...order, lineItems: 'L1' },
      { ...order, lineItems: [{ key: 'L1', quantity: { amount: 1 } }] },
      { ...order, totalNetValue: { value: 1 } },
      { ...order, totalNetValue: Number.POSITIVE_INFINITY },
      { ...order, shipmentAddress: 'Oslo' },
      null,
      'PO-1',
      [order],
    ];
    for (const value of broken) {
      expect(PurchaseOrder.safeParse(value).success).toBe(false);
      expect(expectSameAsZod(PurchaseOrder, value)).toBe(false);
    }
    // Valid for zod, but an own __proto__ key is left to zod, which knows not to copy it.
    expect(compileParser(PurchaseOrder)?.(JSON.parse('{"key":"a","__proto__":{}}'))).toBe(NO_MATCH);
  });

  it('matches zod on each field builder, and on absent, null and present keys', () => {
    const fields = z.looseObject({
      key: key(),
      text: text(),
      decimal: decimal(),
      flag: flag(),
      timestamp: timestamp(),
      list: stringList(),
      id: recordId(),
    });
    const values: unknown[] = [
      { key: 'a', id: 1 },
      { key: 'a', id: 'x', text: null, decimal: null, flag: null, timestamp: null, list: null },
      { key: 'a', id: 'x', decimal: '1.50', flag: 'X', list: '["a","b"]', extra: { deep: [1] } },
      { key: 'a', id: 'x', decimal: 2, flag: true, list: 'a, b' },
      { key: 'a', id: 'x', list: '[1,2]' },
      { key: 'a', id: '' },
      { key: 'a' },
      { key: 'a', id: 'x', flag: 1 },
    ];
    expect(values.map((value) => expectSameAsZod(fields, value))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('matches zod on strict and stripping objects, enums, literals and unions', () => {
    const schema = z.object({
      kind: z.enum(['a', 'b']),
      fixed: z.literal('x').optional(),
      either: z.union([z.number(), z.boolean(), z.null()]),
      inner: z.strictObject({ n: z.number() }).optional(),
    });
    expect(
      [
        { kind: 'a', either: 1, dropped: true },
        { kind: 'c', either: 1 },
        { kind: 'a', either: 'x' },
        { kind: 'b', either: null, fixed: 'x', inner: { n: 1 } },
        { kind: 'b', either: false, inner: { n: 1, extra: 1 } },
        { kind: 'b', either: false, fixed: 'y' },
      ].map((value) => expectSameAsZod(schema, value)),
    ).toEqual([true, false, false, true, false, false]);
  });

  it('matches zod on number bounds, and on the page envelope', () => {
    const count = z.number().int().nonnegative();
    const bounded = z.number().gt(1).lte(5);
    expect([0, 3, -1, 1.5, Number.NaN].map((value) => expectSameAsZod(count, value))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([1, 1.5, 5, 6].map((value) => expectSameAsZod(bounded, value))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const meta = { current_page: 1, last_page: 2, per_page: 10, total: 12, from: 1, to: 10 };
    const envelope = { data: [{ a: 1 }, 'x'], links: { next: null }, meta };
    expect(expectSameAsZod(PageEnvelope, envelope)).toBe(true);
    expect(expectSameAsZod(PageEnvelope, { ...envelope, data: {} })).toBe(false);
    expect(expectSameAsZod(PageEnvelope, { ...envelope, meta: { ...meta, total: -1 } })).toBe(
      false,
    );
  });

  it('matches zod on records of plain string keys', () => {
    const dimensions = z.object({ dimensions: z.record(z.string(), decimal()).nullish() });
    expect(
      [
        { dimensions: { width: 2, height: '3.5', '10': null } },
        { dimensions: {} },
        { dimensions: null },
        { dimensions: { width: { value: 1 } } },
        { dimensions: ['2'] },
      ].map((value) => expectSameAsZod(dimensions, value)),
    ).toEqual([true, true, true, false, false]);
  });

  it('matches zod on optional schemas whose inner schema takes undefined', () => {
    const schema = z.object({
      scopes: z.union([z.string(), stringList()]).nullish(),
      filled: z
        .string()
        .optional()
        .transform((value) => value ?? 'none')
        .optional(),
    });
    expect(
      [
        { scopes: 'a b' },
        { scopes: ['a'] },
        { scopes: undefined, filled: undefined },
        {},
        { scopes: 3 },
      ].map((value) => expectSameAsZod(schema, value)),
    ).toEqual([true, true, false, true, false]);
  });

  it('does not compile what it does not cover', () => {
    expect(compileParser(z.string().email())).toBeUndefined();
    expect(compileParser(z.object({ a: z.string().default('x') }))).toBeUndefined();
    expect(compileParser(z.record(z.enum(['a', 'b']), z.string()))).toBeUndefined();
    expect(compileParser(z.record(z.string().min(2), z.string()))).toBeUndefined();
    expect(compileParser(z.number().multipleOf(2))).toBeUndefined();
    expect(compileParser(z.object({ a: z.string() }).refine(() => true))).toBeUndefined();
  });
});
