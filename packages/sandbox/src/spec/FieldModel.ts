import { FIELD_FORMATS, SCHEMAS } from '@makini-kit/core';
import type * as z from 'zod';

/** What a field holds, read from the generated schemas and the overlaid spec's formats. */
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
  /** For `object`/`array` fields: the nested schema's name in `SCHEMAS`, when it has one. */
  schema?: string;
}

/** The parts of zod's internal definition the sandbox reads (zod 4's `_zod.def`). */
interface Def {
  type: string;
  innerType?: Node;
  in?: Node;
  options?: Node[];
  element?: Node;
  shape?: Record<string, Node>;
}
type Node = { _zod: { def: Def } };

const defOf = (schema: unknown) => (schema as Node)._zod.def;

let namesBySchema: Map<unknown, string> | undefined;
/** The name of a generated schema by identity, so `z.array(POLineItem)` reads as `POLineItem`. */
function nameOf(schema: unknown): string | undefined {
  namesBySchema ??= new Map(Object.entries(SCHEMAS).map(([name, value]) => [value, name]));
  return namesBySchema.get(schema);
}

/** Strips `.nullish()`, `.optional()` and `.default()`: the sandbox reads the value's type. */
function unwrap(schema: Node): Node {
  let node = schema;
  for (let def = defOf(node); def.innerType; def = defOf(node)) node = def.innerType;
  return node;
}

/** The types a union (or a field builder's `pipe`) takes, e.g. `['string', 'number']`. */
function inputTypes(node: Node): string[] {
  const def = defOf(node);
  if (def.type === 'pipe' && def.in) return inputTypes(def.in);
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => inputTypes(option));
  return [def.type];
}

/** Classifies one field of a generated schema; only dates need the overlay's `format`. */
function classify(name: string, field: Node, dateTimes: ReadonlySet<string>): FieldModel {
  const node = unwrap(field);
  const def = defOf(node);
  const nested = nameOf(node) ?? (def.element ? nameOf(unwrap(def.element)) : undefined);
  const types = inputTypes(node);
  if (name === 'key') return { name, kind: 'key' };
  if (def.type === 'array' || (types.includes('array') && types.includes('string'))) {
    if (name.endsWith('Keys')) return { name, kind: 'refs' };
    return nested ? { name, kind: 'array', schema: nested } : { name, kind: 'array' };
  }
  if (nested) return { name, kind: 'object', schema: nested };
  if (types.includes('boolean')) return { name, kind: 'boolean' };
  if (types.includes('number') && types.includes('string') && def.type === 'pipe')
    return { name, kind: name === 'id' ? 'text' : 'decimal' };
  if (types.includes('number') || types.includes('int')) return { name, kind: 'integer' };
  if (dateTimes.has(name)) return { name, kind: 'date' };
  // `*Key` references are plain strings in the spec: the name says what they point to.
  if (name.endsWith('Key')) return { name, kind: 'ref' };
  if (types.includes('string')) return { name, kind: 'text' };
  return { name, kind: 'any' };
}

/** The object schema inside a generated schema (records wrap theirs for `customFields`). */
function objectOf(schema: unknown): Def | undefined {
  if (!schema) return undefined;
  let def = defOf(schema);
  if (def.type === 'pipe' && def.in) def = defOf(def.in);
  return def.type === 'object' ? def : undefined;
}

const cache = new Map<string, FieldModel[]>();

/**
 * The fields of a generated schema (`PurchaseOrder`, `PurchaseOrderInput`), in the spec's order.
 *
 * @example fieldsOf('Invoice').find((field) => field.name === 'totalNetValue')?.kind; // 'decimal'
 */
export function fieldsOf(schemaName: string): FieldModel[] {
  let fields = cache.get(schemaName);
  if (!fields) {
    const shape = objectOf(SCHEMAS[schemaName])?.shape ?? {};
    // The zod builders keep a timestamp as a plain string: the spec's stated format tells it.
    const formats = FIELD_FORMATS[schemaName] ?? {};
    const dateTimes = new Set(
      Object.keys(formats).filter((field) => formats[field] === 'date-time'),
    );
    fields = Object.entries(shape).map(([name, field]) => classify(name, field, dateTimes));
    cache.set(schemaName, fields);
  }
  return fields;
}

/** The generated schema of a name, for validating a body or a record. */
export const schemaNamed = (name: string): z.ZodType | undefined => SCHEMAS[name];
