import { parseFlag } from '@makini-kit/core';
import type { SandboxRecord } from '../data/Collection.js';
import { type FieldModel, fieldsOf } from '../spec/FieldModel.js';

/** A text written where the record holds an address: the text becomes its address lines. */
function fromText(text: string, schema: string | undefined): unknown {
  if (!schema) return text;
  return fieldsOf(schema).some((field) => field.name === 'addressLines')
    ? fitRecord({ addressLines: text }, schema)
    : null;
}

const isObject = (value: unknown): value is SandboxRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One value as the record's field holds it. */
function fitValue(field: FieldModel, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (field.kind) {
    case 'array':
    case 'refs': {
      const items = Array.isArray(value) ? value : [value];
      return items.map((item) =>
        typeof item === 'string' && field.kind === 'array'
          ? fromText(item, field.schema)
          : isObject(item) && field.schema
            ? fitRecord(item, field.schema)
            : item,
      );
    }
    case 'object':
      if (typeof value === 'string') return fromText(value, field.schema);
      if (Array.isArray(value)) return isObject(value[0]) ? fitValue(field, value[0]) : null;
      return isObject(value) && field.schema ? fitRecord(value, field.schema) : value;
    case 'decimal':
      return typeof value === 'number' ? String(value) : value;
    case 'boolean':
      return typeof value === 'string' ? (parseFlag(value) ?? null) : value;
    case 'any':
    case 'integer':
      return value;
    default:
      if (typeof value === 'object') return JSON.stringify(value);
      return typeof value === 'string' ? value : String(value);
  }
}

/**
 * A written record as its resource's record schema holds it. Makini's request schemas and record
 * schemas disagree on some fields (an RFQ's `shippingAddress` is text in the body and a list in
 * the record; a fulfillment's `lineItems` the other way round), so what a write stores is shaped
 * by the record schema, and every read of it fits the spec.
 *
 * @example fitRecord({ shipmentAddress: 'Leopoldstraße 12' }, 'SalesOrder').shipmentAddress;
 * // { addressLines: 'Leopoldstraße 12' }
 */
export function fitRecord(record: SandboxRecord, schema: string): SandboxRecord {
  const fitted: SandboxRecord = { ...record };
  for (const field of fieldsOf(schema))
    if (field.name in fitted) fitted[field.name] = fitValue(field, fitted[field.name]);
  return fitted;
}
