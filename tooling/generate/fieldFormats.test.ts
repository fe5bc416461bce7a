import { describe, expect, it } from 'vitest';
import { FIELD_FORMATS, SCHEMAS } from '../../packages/core/src/index.js';
import { loadOverlaidSpecs } from '../openapi/loadOverlaidSpecs.js';
import { readSpecs } from './readSpecs.js';

const { schemas } = readSpecs(loadOverlaidSpecs());

describe('FIELD_FORMATS', () => {
  it('tells a timestamp, a decimal and a flag from text, as the overlay states them', () => {
    expect(FIELD_FORMATS.Invoice?.invoiceDate).toBe('date-time');
    expect(FIELD_FORMATS.PurchaseOrder?.totalNetValue).toBe('decimal');
    expect(FIELD_FORMATS.PurchaseOrderInput?.orderDate).toBe('date-time');
    expect(FIELD_FORMATS.User?.isActive).toBe('boolean');
    expect(FIELD_FORMATS.PurchaseOrder?.orderNo).toBeUndefined();
    expect(FIELD_FORMATS.Material?.uomKey).toBeUndefined();
  });

  it('names only generated schemas and their fields, and every formatted field of them', () => {
    const expected: Record<string, Record<string, string>> = {};
    for (const named of schemas) {
      const formats: Record<string, string> = {};
      for (const [field, node] of Object.entries(named.node.properties ?? {})) {
        const format = node.type === 'boolean' ? 'boolean' : node.format;
        if (format) formats[field] = format;
      }
      if (Object.keys(formats).length) expected[named.name] = formats;
    }
    expect(FIELD_FORMATS).toEqual(expected);
    for (const name of Object.keys(FIELD_FORMATS)) expect(SCHEMAS).toHaveProperty(name);
  });
});
