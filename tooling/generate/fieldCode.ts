// How one property of a schema becomes a TypeScript type and a tolerant zod builder: the
// project's decisions about decimals, dates, flags and nulls live here (see models/fields.ts).
import { refName, type SchemaNode } from './readSpecs.js';

export interface FieldCode {
  /** The TypeScript type of the parsed value, without `| undefined`. */
  type: string;
  /** The zod schema expression, without optionality. */
  zod: string;
  /** Whether the builder already accepts null and undefined. */
  nullish: boolean;
}

const isIdentifier = (name: string) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
export const propertyName = (name: string) => (isIdentifier(name) ? name : `'${name}'`);

function single(node: SchemaNode): SchemaNode {
  const ref = node.allOf?.length === 1 ? node.allOf[0] : undefined;
  return ref ? { ...ref, ...(node.nullable ? { nullable: true } : {}) } : node;
}

/** The type and builder of a property; `required` properties that are not nullable stay strict. */
export function fieldCode(name: string, raw: SchemaNode, required: boolean): FieldCode {
  const node = single(raw);
  const strict = required && node.nullable !== true;
  if (node.$ref) {
    const ref = refName(node.$ref);
    return { type: ref, zod: ref, nullish: false };
  }
  if (node.oneOf) {
    const members = node.oneOf.map((member) => fieldCode(name, member, true));
    return {
      type: members.map((member) => member.type).join(' | '),
      zod: `z.union([${members.map((member) => member.zod).join(', ')}])`,
      nullish: false,
    };
  }
  if (name === 'key' && strict) return { type: 'string', zod: 'key()', nullish: false };
  if (name === 'id') return { type: 'string', zod: 'recordId()', nullish: false };
  switch (node.type) {
    case 'string':
      if (node.format === 'decimal') return { type: 'string', zod: 'decimal()', nullish: true };
      if (node.format === 'date-time') return { type: 'string', zod: 'timestamp()', nullish: true };
      if (strict || node.minLength) {
        const min = node.minLength ? `.min(${node.minLength}, 'must not be empty')` : '';
        return { type: 'string', zod: `z.string()${min}`, nullish: false };
      }
      return { type: 'string', zod: 'text()', nullish: true };
    case 'boolean':
      return { type: 'boolean | string', zod: 'flag()', nullish: true };
    case 'number':
    case 'integer':
      return { type: 'number', zod: 'z.number()', nullish: false };
    case 'array': {
      const items = single(node.items ?? {});
      if (items.type === 'string' && !items.format) {
        return { type: 'string[]', zod: 'stringList()', nullish: true };
      }
      const item = items.$ref || items.type ? fieldCode(name, items, true) : undefined;
      return item
        ? { type: `Array<${item.type}>`, zod: `z.array(${item.zod})`, nullish: false }
        : { type: 'unknown[]', zod: 'z.array(z.unknown())', nullish: false };
    }
    case 'object':
      return {
        type: 'Record<string, unknown>',
        zod: 'z.record(z.string(), z.unknown())',
        nullish: false,
      };
    default:
      // Not `nullish: true`: zod 4 treats a bare `z.unknown()` key as required ("expected
      // nonoptional"), so an optional field gets its `.nullish()` like any other.
      return { type: 'unknown', zod: 'z.unknown()', nullish: false };
  }
}
