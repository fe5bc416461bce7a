import type { SpecSchema } from './specDocuments.js';

/** What a field holds, as the overlay's conventions read the spec (see FIDELITY.md). */
export type FieldKind =
  | 'key'
  | 'ref'
  | 'refs'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'boolean'
  | 'text'
  | 'object'
  | 'array'
  | 'any';

export interface FieldModel {
  name: string;
  kind: FieldKind;
  /** For `object`/`array` fields: the nested schema's name, when the spec names one. */
  schema?: string;
}

/** Money and quantities: the spec declares them `object`, `nullable` or `string` by turns. */
const DECIMAL_NAME =
  /(?:^|[a-z])(?:quantity|Quantity|price|Price|cost|Cost|Value|amount|Amount|rate|Rate|discount|Discount|budget|Budget|Level|Percentage|Point)$|^(?:quantity|price|cost|rate|discount|budget)/;
const DATE_NAME = /(?:At|Date)$|^date$/;
const refName = (schema: SpecSchema | undefined) => schema?.$ref?.split('/').pop();

/** Classifies one property of a spec schema by its name first, then its declared type. */
export function classifyField(name: string, schema: SpecSchema): FieldModel {
  if (name === 'key') return { name, kind: 'key' };
  if (name.endsWith('Key')) return { name, kind: 'ref' };
  if (name.endsWith('Keys')) return { name, kind: schema.type === 'array' ? 'refs' : 'ref' };
  const nested = refName(schema) ?? refName(schema.items);
  if (schema.type === 'array' || schema.items) {
    return nested ? { name, kind: 'array', schema: nested } : { name, kind: 'array' };
  }
  if (nested) return { name, kind: 'object', schema: nested };
  if (schema.type === 'boolean' || /^is[A-Z]/.test(name)) return { name, kind: 'boolean' };
  if (DATE_NAME.test(name)) return { name, kind: 'date' };
  if (schema.type === 'integer') return { name, kind: 'integer' };
  if (DECIMAL_NAME.test(name)) return { name, kind: 'decimal' };
  if (schema.type === 'object' && !schema.properties) return { name, kind: 'any' };
  return { name, kind: 'text' };
}

/** The fields of a named component schema, in the spec's order. */
export function fieldsOf(schemas: Record<string, SpecSchema>, name: string): FieldModel[] {
  const schema = schemas[name];
  if (!schema || Array.isArray(schema)) return [];
  return Object.entries(schema.properties ?? {}).map(([field, property]) =>
    classifyField(field, property),
  );
}
