import type { SandboxRecord } from '../data/Collection.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { listPage, parseListQuery } from '../http/listQuery.js';
import { json } from '../http/Reply.js';
import { fieldsOf } from '../spec/FieldModel.js';
import { connectionFor } from './resourceReads.js';

/** A record as another schema names it: that schema's fields, `null` where the record has none. */
function project(record: SandboxRecord, schema: string, fill: SandboxRecord = {}): SandboxRecord {
  return Object.fromEntries(
    fieldsOf(schema).map(({ name }) => [name, record[name] ?? fill[name] ?? null]),
  );
}

const pageOf = (context: Parameters<Handler>[0], schema: string, records: SandboxRecord[]) => {
  const fields = fieldsOf(schema);
  const names = fields.map((field) => field.name);
  const kinds = Object.fromEntries(fields.map((field) => [field.name, field.kind]));
  const query = parseListQuery(context.query, { filterable: names, sortable: names, kinds });
  return json(listPage(context.url, query, records));
};

/**
 * `GET /api/erp/materials/{key}/children`: a material's parts as `Material` records (the spec's
 * schema for this path): the next materials in key order, one to three of them.
 */
export const materialChildren: Handler = (context) => {
  const materials = connectionFor(context, 'materials').data.collection('materials');
  const index = materials.indexOf(context.params.key ?? '');
  if (index < 0)
    throw new ApiError(404, 'NOT_FOUND', `No materials record with key ${context.params.key}.`);
  const children = [1, 2, 3]
    .slice(0, (index % 3) + 1)
    .map((step) => materials.record((index + step) % materials.size) ?? {})
    .map((child) =>
      project(child, 'Material', { parentKeys: [String(materials.record(index)?.key)] }),
    );
  return pageOf(context, 'Material', children);
};

/** `GET /api/erp/production-orders/{key}/materials`: the order's lines as `MaterialItem`s. */
export const productionOrderMaterials: Handler = (context) => {
  const orders = connectionFor(context, 'production-orders').data.collection('production-orders');
  const order = orders.record(orders.indexOf(context.params.key ?? ''));
  if (!order)
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No production-orders record with key ${context.params.key}.`,
    );
  const lines = (order.lineItems as SandboxRecord[] | undefined) ?? [];
  const items = lines.map((line, position) =>
    project(line, 'MaterialItem', {
      key: `${String(order.key)}${String(position + 1).padStart(3, '0')}`,
      productionOrderKey: order.key,
      requiredQuantity: line.quantity,
    }),
  );
  return pageOf(context, 'MaterialItem', items);
};
