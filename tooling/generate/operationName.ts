// The public naming rule: which client method each Makini operation is. Tests check every
// operationId the overlay gives against this rule, and the README documents it.

const camelCase = (segment: string) =>
  segment.replace(/[-_]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** System routes keep the names the client has always had; `/api/system/client` reads as `application`. */
const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  'GET /api/raw/tables': 'raw.tables.list',
  'GET /api/raw/tables/{table}/data': 'raw.tables.data',
  'GET /api/integrations/current': 'integrations.current',
  'DELETE /api/integrations/current': 'integrations.deleteCurrent',
  'GET /api/system/platforms': 'platforms.list',
  'GET /api/system/client': 'application.get',
  'GET /api/system/connections': 'connections.list',
  'POST /api/system/connections': 'connections.create',
  'DELETE /api/system/connections/{id}': 'connections.delete',
  'GET /api/system/connections/{id}/metadata': 'connections.metadata',
  'POST /api/system/connections/{id}/metadata': 'connections.setMetadata',
  'POST /api/system/connections/{id}/token': 'connections.createToken',
  'POST /api/passthrough': 'passthrough.request',
};

/** `/api/erp/<res>/{key}/<action>` routes beyond the CRUD ones, by their last segment. */
const RECORD_ACTIONS: Readonly<Record<string, string>> = {
  'PUT status': 'updateStatus',
  'GET children': 'children',
  'PUT inventory': 'updateInventory',
  'GET materials': 'materials',
};

const CRUD: Readonly<Record<string, string>> = {
  'GET list': 'list',
  'POST list': 'create',
  'GET record': 'get',
  'PUT record': 'update',
};

/**
 * The client method path of an operation, e.g. `GET /api/erp/purchase-orders.line-items/{key}` →
 * `purchaseOrders.lineItems.get`.
 *
 * @throws Error for a route the rule does not cover (a new kind of route needs a decision).
 */
export function operationName(method: string, path: string): string {
  const verb = method.toUpperCase();
  const system = SYSTEM_NAMES[`${verb} ${path}`];
  if (system) return system;
  const erp = /^\/api\/erp\/(.+)$/.exec(path)?.[1];
  if (!erp) throw new Error(`No naming rule for ${verb} ${path}.`);
  const statuses = /^statuses\/([a-z-]+)$/.exec(erp);
  if (statuses?.[1] && verb === 'GET') return `${camelCase(statuses[1])}.statuses.list`;
  const lines = /^([a-z-]+)\.line-items(\/\{key\})?$/.exec(erp);
  if (lines?.[1] && verb === 'GET')
    return `${camelCase(lines[1])}.lineItems.${lines[2] ? 'get' : 'list'}`;
  const route = /^([a-z-]+)(\/\{key\})?(?:\/([a-z-]+))?$/.exec(erp);
  const resource = route?.[1];
  if (route && resource) {
    const action = route[3]
      ? route[2] && RECORD_ACTIONS[`${verb} ${route[3]}`]
      : CRUD[`${verb} ${route[2] ? 'record' : 'list'}`];
    if (action) return `${camelCase(resource)}.${action}`;
  }
  throw new Error(`No naming rule for ${verb} ${path}.`);
}
