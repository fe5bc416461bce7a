// OpenAPI 3.0 schema objects → JSON Schema draft-07 for ajv. OpenAPI's `nullable` is not JSON
// Schema, and ajv refuses it without a sibling `type` (which the overlay's `allOf` + `nullable`
// embeds have), so null is spelled out here. Nothing else is loosened.

type Json = unknown;
type SchemaObject = Record<string, Json>;

const isObject = (value: Json): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Rewrites `#/components/schemas/X` to `<specId>#/definitions/X`, where ajv finds it. */
function rewriteRef(ref: string, specId: string): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return `${specId}#/definitions/${ref.slice(prefix.length)}`;
}

/**
 * One schema converted: `nullable: true` becomes `type: [t, 'null']` (and `null` in an `enum`), or
 * `anyOf: [{ type: 'null' }, …]` where the schema has no `type`; `nullable: false` is dropped
 * (it is the default); `$ref`s point into the spec's `definitions`.
 *
 * @example
 * toJsonSchema({ type: 'string', nullable: true }, 'erp'); // { type: ['string', 'null'] }
 */
export function toJsonSchema(schema: Json, specId: string): Json {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, specId));
  if (!isObject(schema)) return schema;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, specId);
    else if (key === 'example' || key === 'enum' || key === 'default') out[key] = value;
    else if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property, specId)]),
      );
    } else out[key] = toJsonSchema(value, specId);
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  // No type: without other constraints any value (null included) passes already.
  const constrained = Object.keys(out).some((key) =>
    ['$ref', 'allOf', 'anyOf', 'oneOf', 'enum', 'not', 'const'].includes(key),
  );
  if (!constrained) return out;
  const { description, title, example, ...rest } = out;
  return {
    ...(description === undefined ? {} : { description }),
    ...(title === undefined ? {} : { title }),
    ...(example === undefined ? {} : { example }),
    anyOf: [{ type: 'null' }, rest],
  };
}
