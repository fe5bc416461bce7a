import type { SandboxRecord } from '../data/Collection.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { listPage, parseListQuery } from '../http/listQuery.js';
import { json } from '../http/Reply.js';
import type { Router } from '../http/Router.js';
import { schemaFields } from '../spec/ResourceCatalog.js';
import { ERP_SPEC, type SpecOperation } from '../spec/specDocuments.js';
import { listRawTables, passthrough, rawTableData } from './rawRoutes.js';
import { connectionFor, getResource, listResource } from './resourceReads.js';
import { createResource, updateInventory, updateResource, updateStatus } from './resourceWrites.js';

const bodySchema = (operation: SpecOperation | undefined) =>
  operation?.requestBody?.content?.['application/json']?.schema;

const MATERIAL_ITEM_FIELDS = () => schemaFields('MaterialItem').map((field) => field.name);

/** A material's parts as `MaterialItem`s: the next materials in key order, one to three of them. */
function materialItems(records: SandboxRecord[]): SandboxRecord[] {
  const fields = MATERIAL_ITEM_FIELDS();
  return records.map((record) =>
    Object.fromEntries(
      fields.map((field) => [
        field,
        record[field] ?? (field === 'materialKey' ? record.key : null),
      ]),
    ),
  );
}

const materialChildren: Handler = (context) => {
  const connection = connectionFor(context, 'materials');
  const materials = connection.data.collection('materials');
  const index = materials.indexOf(context.params.key ?? '');
  if (index < 0)
    throw new ApiError(404, 'NOT_FOUND', `No materials record with key ${context.params.key}.`);
  const children = [1, 2, 3]
    .slice(0, (index % 3) + 1)
    .map((step) => materials.record((index + step) % materials.size) ?? {});
  const query = parseListQuery(context.query, {
    filterable: MATERIAL_ITEM_FIELDS(),
    sortable: MATERIAL_ITEM_FIELDS(),
  });
  return json(listPage(context.url, query, materialItems(children)));
};

const productionOrderMaterials: Handler = (context) => {
  const connection = connectionFor(context, 'production-orders');
  const orders = connection.data.collection('production-orders');
  const order = orders.record(orders.indexOf(context.params.key ?? ''));
  if (!order)
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No production-orders record with key ${context.params.key}.`,
    );
  const query = parseListQuery(context.query, {
    filterable: MATERIAL_ITEM_FIELDS(),
    sortable: MATERIAL_ITEM_FIELDS(),
  });
  return json(
    listPage(
      context.url,
      query,
      materialItems((order.lineItems as SandboxRecord[] | undefined) ?? []),
    ),
  );
};

/** The handler for one operation of the ERP spec, by the shape of its path. */
function handlerFor(method: string, path: string, operation: SpecOperation): Handler | undefined {
  if (path === '/api/erp/materials/{key}/children') return materialChildren;
  if (path === '/api/erp/production-orders/{key}/materials') return productionOrderMaterials;
  if (path === '/api/erp/materials/{key}/inventory') return updateInventory(bodySchema(operation));
  const item = /^\/api\/erp\/([^{}]+)\/\{key\}(\/status)?$/.exec(path);
  if (item?.[1]) {
    if (item[2]) return updateStatus(item[1], bodySchema(operation));
    return method === 'get' ? getResource(item[1]) : updateResource(item[1], bodySchema(operation));
  }
  const list = /^\/api\/erp\/([^{}]+)$/.exec(path);
  if (list?.[1])
    return method === 'get'
      ? listResource(list[1])
      : createResource(list[1], bodySchema(operation));
  return undefined;
}

/**
 * Serves every ERP operation of the spec (reads, writes, statuses, line items), raw tables and
 * passthrough, from the spec's own paths: one generic handler per operation shape.
 */
export function addErpRoutes(router: Router<Handler>) {
  for (const [path, operations] of Object.entries(ERP_SPEC.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const handler = handlerFor(method, path, operation);
      if (handler) router.add(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1'), handler);
    }
  }
  router
    .add('GET', '/api/raw/tables', listRawTables)
    .add('GET', '/api/raw/tables/:table/data', rawTableData)
    .add('POST', '/api/passthrough', passthrough);
}
