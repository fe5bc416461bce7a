/**
 * Unknown fields ("custom fields") survive parsing: models are loose objects, and `customFields`
 * gathers the keys the model does not know. It is a getter on the record's prototype (one per
 * model), so serializing a record writes exactly what arrived and parsing it again gives the same
 * record.
 */
import type * as z from 'zod';

/** The read-only `customFields` view every parsed record carries. */
export interface WithCustomFields {
  /** Fields the source system sent that the model does not define, by their original names. */
  readonly customFields: Readonly<Record<string, unknown>>;
}

/**
 * One prototype per model carries the `customFields` getter: giving each parsed record its own
 * accessor property costs more than parsing it (a page of 100 orders with their line items is
 * ~900 objects), while setting a shared prototype keeps every record's own properties as sent.
 */
function customFieldsPrototype(known: ReadonlySet<string>): object {
  return Object.create(Object.prototype, {
    customFields: {
      enumerable: false,
      configurable: true,
      get(this: Record<string, unknown>) {
        const custom: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(this)) {
          if (!known.has(name)) custom[name] = value;
        }
        return custom;
      },
    },
  });
}

function attachCustomFields<T extends object>(record: T, prototype: object) {
  if (Object.hasOwn(record, 'customFields')) {
    // A source field of that name would hide the prototype's view: the view wins, as it always has.
    const view = Object.getOwnPropertyDescriptor(prototype, 'customFields');
    if (view) Object.defineProperty(record, 'customFields', view);
    return record as T & WithCustomFields;
  }
  return Object.setPrototypeOf(record, prototype) as T & WithCustomFields;
}

/** Makes a loose object schema's output carry {@link WithCustomFields}. */
export function withCustomFields<Schema extends z.ZodObject>(schema: Schema) {
  const prototype = customFieldsPrototype(new Set(Object.keys(schema.shape)));
  return schema.transform((record) => attachCustomFields(record, prototype));
}

/**
 * Reads the custom fields of any record, parsed or not, given the names its model knows.
 *
 * @example
 * customFieldsOf({ key: 'PO-1', orderNo: '4500', ZZ_PRIORITY: 'high' }, PurchaseOrderFields);
 * // { ZZ_PRIORITY: 'high' }
 */
export function customFieldsOf(
  record: Readonly<Record<string, unknown>>,
  schema: z.ZodObject,
): Record<string, unknown> {
  const prototype = customFieldsPrototype(new Set(Object.keys(schema.shape)));
  return attachCustomFields({ ...record }, prototype).customFields;
}
