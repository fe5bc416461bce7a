/**
 * Unknown fields ("custom fields") survive parsing: models are loose objects, and `customFields`
 * gathers the keys the model does not know. It is a non-enumerable getter, so serializing a record
 * writes exactly what arrived and parsing it again gives the same record.
 */
import type * as z from 'zod';

/** The read-only `customFields` view every parsed record carries. */
export interface WithCustomFields {
  /** Fields the source system sent that the model does not define, by their original names. */
  readonly customFields: Readonly<Record<string, unknown>>;
}

function attachCustomFields<T extends object>(record: T, known: ReadonlySet<string>) {
  Object.defineProperty(record, 'customFields', {
    enumerable: false,
    configurable: true,
    get(this: Record<string, unknown>) {
      const custom: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(this)) {
        if (!known.has(name)) custom[name] = value;
      }
      return custom;
    },
  });
  return record as T & WithCustomFields;
}

/** Makes a loose object schema's output carry {@link WithCustomFields}. */
export function withCustomFields<Schema extends z.ZodObject>(schema: Schema) {
  const known = new Set(Object.keys(schema.shape));
  return schema.transform((record) => attachCustomFields(record, known));
}

/** Reads the custom fields of any record, parsed or not, given the names its model knows. */
export function customFieldsOf(
  record: Readonly<Record<string, unknown>>,
  schema: z.ZodObject,
): Record<string, unknown> {
  return attachCustomFields({ ...record }, new Set(Object.keys(schema.shape))).customFields;
}
