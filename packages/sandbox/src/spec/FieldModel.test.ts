import { OPERATIONS, SCHEMAS } from '@makini-kit/core';
import { describe, expect, it } from 'vitest';
import { loadOverlaidSpecs } from '../../../../tooling/openapi/loadOverlaidSpecs.js';
import { fieldsOf } from './FieldModel.js';

interface Node {
  type?: string;
  format?: string;
  $ref?: string;
  items?: Node;
  properties?: Record<string, Node>;
}
type Spec = { paths: Record<string, Record<string, unknown>>; components: { schemas: object } };

const specs = loadOverlaidSpecs();

/** Every generated schema name with its overlaid spec node: components, then request bodies. */
function overlaidSchemas(): Map<string, Node> {
  const byName = new Map<string, Node>();
  const resolve = (node: Node | undefined, spec: Spec): Node | undefined => {
    const ref = node?.$ref ?? (node?.type === 'array' ? node.items?.$ref : undefined);
    if (!ref) return node?.type === 'array' ? node.items : node;
    return (spec.components.schemas as Record<string, Node>)[ref.slice(ref.lastIndexOf('/') + 1)];
  };
  for (const spec of [specs.system, specs.erp] as Spec[])
    for (const [name, node] of Object.entries(spec.components.schemas as Record<string, Node>))
      byName.set(name, node);
  for (const operation of OPERATIONS) {
    if (!operation.body) continue;
    const spec = (operation.spec === 'erp' ? specs.erp : specs.system) as Spec;
    const entry = spec.paths[operation.path]?.[operation.method.toLowerCase()] as
      | { requestBody?: { content?: { 'application/json'?: { schema?: Node } } } }
      | undefined;
    const node = resolve(entry?.requestBody?.content?.['application/json']?.schema, spec);
    if (node) byName.set(operation.body, node);
  }
  return byName;
}

const schemas = overlaidSchemas();

describe('field kinds', () => {
  it('agrees with the overlaid spec on every decimal, date-time and boolean of every schema', () => {
    const disagreements: string[] = [];
    for (const [name, node] of schemas) {
      if (!(name in SCHEMAS)) continue;
      const kinds = new Map(fieldsOf(name).map((field) => [field.name, field.kind]));
      for (const [field, property] of Object.entries(node.properties ?? {})) {
        const expected =
          property.format === 'decimal'
            ? 'decimal'
            : property.format === 'date-time'
              ? 'date'
              : property.type === 'boolean'
                ? 'boolean'
                : undefined;
        const kind = kinds.get(field);
        const stated = kind === 'decimal' || kind === 'date' || kind === 'boolean';
        if (expected !== (stated ? kind : undefined))
          disagreements.push(`${name}.${field}: spec ${expected ?? 'other'}, sandbox ${kind}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('names nested records by their generated schema', () => {
    const fields = fieldsOf('PurchaseOrder');
    expect(fields.find((field) => field.name === 'lineItems')).toEqual({
      name: 'lineItems',
      kind: 'array',
      schema: 'POLineItem',
    });
    expect(fields.find((field) => field.name === 'vendorKey')?.kind).toBe('ref');
    expect(fields.find((field) => field.name === 'orderDate')?.kind).toBe('date');
  });
});
