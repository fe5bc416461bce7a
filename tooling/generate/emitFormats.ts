// Emits formats.ts: the formats the overlaid spec states per schema and field. The tolerant zod
// builders cannot carry them (a timestamp and a text are both strings to the client), yet the
// sandbox, validators and form builders need to tell them apart.
import { HEADER } from './emitModels.js';
import { propertyName } from './fieldCode.js';
import type { NamedSchema } from './readSpecs.js';

/** The stated format of a field: `format` of a string, or `boolean` for a flag. */
const formatOf = (node: NamedSchema['node']) => (node.type === 'boolean' ? 'boolean' : node.format);

/** `FIELD_FORMATS` and its `FieldFormat` union, for every schema with a formatted field. */
export function emitFormats(schemas: NamedSchema[]): string {
  const seen = new Set<string>();
  const entries = schemas.flatMap((named) => {
    const fields = Object.entries(named.node.properties ?? {}).flatMap(([field, node]) => {
      const format = formatOf(node);
      if (!format) return [];
      seen.add(format);
      return [`${propertyName(field)}: '${format}'`];
    });
    return fields.length ? [`  ${named.name}: { ${fields.join(', ')} },`] : [];
  });
  const union = [...seen]
    .sort()
    .map((format) => `'${format}'`)
    .join(' | ');
  return `${HEADER}
/** A format the overlaid spec states for a field: the value's meaning beyond \`string\`. */
export type FieldFormat = ${union};

/**
 * The formats the overlaid spec states, by generated schema name (as in \`SCHEMAS\`) and field:
 * \`decimal\` (an exact decimal string), \`date-time\` (ISO 8601), \`boolean\` and the others
 * \`FieldFormat\` lists. A field that is absent is text, a number, a key or a nested record, as
 * its schema says. Plain data, so a bundle that does not import it does not carry it.
 *
 * @example
 * FIELD_FORMATS.Invoice?.invoiceDate; // 'date-time'
 * FIELD_FORMATS.PurchaseOrder?.totalNetValue; // 'decimal'
 */
export const FIELD_FORMATS: Readonly<
  Record<string, Readonly<Record<string, FieldFormat>>>
> = {
${entries.join('\n')}
};
`;
}
