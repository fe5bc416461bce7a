import { OPERATIONS } from '@makini-kit/core';
import { type FieldModel, fieldsOf } from './FieldModel.js';

/** One ERP collection the spec serves, e.g. `purchase-orders` with schema `Part`. */
export interface ResourceModel {
  /** The path segment, e.g. `purchase-orders`, `purchase-orders.line-items`, `statuses/invoices`. */
  segment: string;
  /** The record schema's name in `SCHEMAS`. */
  schema: string;
  fields: FieldModel[];
  /** Field names, for filter and sort checks. */
  fieldNames: string[];
  /** Field kinds by name, for filter and sort comparisons. */
  kinds: Readonly<Record<string, string>>;
}

function buildCatalog(): Map<string, ResourceModel> {
  const catalog = new Map<string, ResourceModel>();
  for (const operation of OPERATIONS) {
    const { resource, schema } = operation;
    // The list operation names the collection's record; `/{key}/children` and the like do not.
    if (operation.method !== 'GET' || operation.response !== 'page' || operation.pathParams.length)
      continue;
    if (!resource || !schema || catalog.has(resource)) continue;
    const fields = fieldsOf(schema);
    catalog.set(resource, {
      segment: resource,
      schema,
      fields,
      fieldNames: fields.map((field) => field.name),
      kinds: Object.fromEntries(fields.map((field) => [field.name, field.kind])),
    });
  }
  return catalog;
}

let cached: Map<string, ResourceModel> | undefined;

/**
 * Every list resource of the generated operations table by segment; built once, on first use.
 *
 * @example resourceCatalog().get('invoices')?.schema; // 'Invoice'
 */
export function resourceCatalog(): Map<string, ResourceModel> {
  cached ??= buildCatalog();
  return cached;
}
