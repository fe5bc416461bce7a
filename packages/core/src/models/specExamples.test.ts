import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  Address,
  Client,
  Connection,
  ConnectionStore,
  Currency,
  Integration,
  Platform,
  PurchaseOrder,
  PurchaseOrderLineItem,
  PurchaseOrderStatus,
  UnitOfMeasure,
  Vendor,
} from './index.js';

type Spec = { components: { schemas: Record<string, { example?: unknown }> } };
const load = (name: string): Spec =>
  JSON.parse(readFileSync(new URL(`../../../../specs/${name}`, import.meta.url), 'utf8'));

const erp = load('oas3_erp.json');
const system = load('oas3_system.json');

const cases: Array<[spec: Spec, specName: string, schema: z.ZodType]> = [
  [erp, 'PurchaseOrder', PurchaseOrder],
  [erp, 'POLineItem', PurchaseOrderLineItem],
  [erp, 'Address', Address],
  [erp, 'Vendor', Vendor],
  [erp, 'Currency', Currency],
  [erp, 'UnitOfMeasure', UnitOfMeasure],
  [erp, 'Status', PurchaseOrderStatus],
  [system, 'Connection', Connection],
  [system, 'ConnectionMetadata', Connection],
  [system, 'Integration', Integration],
  [system, 'Client', Client],
  [system, 'ConnectionStore', ConnectionStore],
];

describe("Makini's published examples", () => {
  it.each(cases)('%#: %s parses', (spec, specName, schema) => {
    const example = spec.components.schemas[specName]?.example;
    expect(example, `the spec has an example for ${specName}`).toBeDefined();
    const result = schema.safeParse(example);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('keeps placeholder values raw instead of rejecting the record', () => {
    const order = PurchaseOrder.parse(erp.components.schemas.PurchaseOrder?.example);
    expect(order.lineItems?.[0]?.quantity).toBe('string');
    expect(order.shipmentAddress?.isActive).toBe('true');
  });

  it('reads the string "[]" that the Connection example sends for tags as an empty list', () => {
    expect(Connection.parse(system.components.schemas.Connection?.example).tags).toEqual([]);
  });

  it('parses a Platform, which the spec leaves open', () => {
    const platform = Platform.parse({
      id: 7,
      name: 'IBM Maximo',
      provider: 'ibm-maximo',
      region: 'eu',
    });
    expect(platform.id).toBe('7');
    expect(platform.customFields).toEqual({ region: 'eu' });
  });
});
