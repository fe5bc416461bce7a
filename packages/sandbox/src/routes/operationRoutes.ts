import { OPERATIONS, type OperationDescriptor } from '@makini-kit/core';
import type { Handler } from '../http/Handler.js';
import type { Router } from '../http/Router.js';
import { materialChildren, productionOrderMaterials } from './materialRoutes.js';
import { listRawTables, passthrough, rawTableData } from './rawRoutes.js';
import { getResource, listResource } from './resourceReads.js';
import { createResource, updateInventory, updateResource, updateStatus } from './resourceWrites.js';
import { SYSTEM_HANDLERS } from './systemRoutes.js';

/** Operations whose path says nothing generic about them, by `operationId`. */
const SPECIAL: Readonly<Record<string, (operation: OperationDescriptor) => Handler>> = {
  'raw.tables.list': () => listRawTables,
  'raw.tables.data': () => rawTableData,
  'passthrough.request': () => passthrough,
  'materials.children': () => materialChildren,
  'productionOrders.materials': () => productionOrderMaterials,
  'materials.updateInventory': (operation) => updateInventory(operation.body),
};

/** The generic handler of an ERP operation, by the shape of its path and its method. */
function erpHandler(operation: OperationDescriptor): Handler | undefined {
  const { resource, method, body } = operation;
  if (!resource) return undefined;
  const base = `/api/erp/${resource}`;
  if (operation.path === base) {
    if (method === 'GET') return listResource(resource);
    if (method === 'POST') return createResource(resource, body);
  }
  if (operation.path === `${base}/{key}`) {
    if (method === 'GET') return getResource(resource);
    if (method === 'PUT') return updateResource(resource, body);
  }
  if (operation.path === `${base}/{key}/status` && method === 'PUT')
    return updateStatus(resource, body);
  return undefined;
}

/**
 * The handler the sandbox serves an operation with, or a typed error naming the operation when
 * the generated table gained one no handler covers (so a new spec operation is never a silent 404).
 */
export function handlerOf(operation: OperationDescriptor): Handler {
  const handler =
    SPECIAL[operation.id]?.(operation) ?? SYSTEM_HANDLERS[operation.id] ?? erpHandler(operation);
  if (!handler) {
    throw new Error(
      `The sandbox has no handler for ${operation.method} ${operation.path} (${operation.id}); add one in routes/operationRoutes.ts.`,
    );
  }
  return handler;
}

/**
 * Serves every operation of the generated `OPERATIONS` table (system, ERP, raw tables,
 * passthrough): one generic handler per operation shape, path parameters as the spec names them.
 *
 * @example addOperationRoutes(new Router<Handler>());
 */
export function addOperationRoutes(router: Router<Handler>) {
  for (const operation of OPERATIONS) {
    router.add(operation.method, operation.path.replace(/\{(\w+)\}/g, ':$1'), handlerOf(operation));
  }
}
