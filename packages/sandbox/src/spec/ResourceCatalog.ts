import { type FieldModel, fieldsOf } from './FieldModel.js';
import { ERP_SPEC, type SpecSchema } from './specDocuments.js';

/** One ERP collection the spec serves, e.g. `purchase-orders` with schema `PurchaseOrder`. */
export interface ResourceModel {
  /** The path segment, e.g. `purchase-orders`, `purchase-orders.line-items`, `statuses/invoices`. */
  segment: string;
  /** The record schema's name in the spec. */
  schema: string;
  fields: FieldModel[];
  /** Field names, for filter and sort checks. */
  fieldNames: string[];
}

const recordSchemaOf = (schema: SpecSchema | undefined): string | undefined => {
  const data = schema?.properties?.data;
  const ref = data?.items?.$ref ?? data?.$ref;
  return ref?.split('/').pop();
};

function buildCatalog(): Map<string, ResourceModel> {
  const catalog = new Map<string, ResourceModel>();
  const schemas = ERP_SPEC.components.schemas;
  for (const [path, operations] of Object.entries(ERP_SPEC.paths)) {
    const match = /^\/api\/erp\/([^{}]+)$/.exec(path);
    const get = operations.get;
    if (!match?.[1] || !get) continue;
    const schema = recordSchemaOf(get.responses?.['200']?.content?.['application/json']?.schema);
    if (!schema) continue;
    const fields = fieldsOf(schemas, schema);
    catalog.set(match[1], {
      segment: match[1],
      schema,
      fields,
      fieldNames: fields.map((field) => field.name),
    });
  }
  return catalog;
}

let cached: Map<string, ResourceModel> | undefined;

/** Every list resource of the ERP spec by segment; built once, on first use. */
export function resourceCatalog(): Map<string, ResourceModel> {
  cached ??= buildCatalog();
  return cached;
}

/** The fields of any component schema (nested line items, addresses, contacts). */
export function schemaFields(name: string): FieldModel[] {
  return fieldsOf(ERP_SPEC.components.schemas, name);
}
