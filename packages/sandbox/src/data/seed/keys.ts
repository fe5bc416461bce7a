import { resourceCatalog } from '../../spec/ResourceCatalog.js';

/**
 * Record keys follow Makini's 14-digit style: a two-digit prefix per collection and the record's
 * index, so a reference is computed from an index without building the collection it points to.
 * The first prefixes keep the keys the sandbox has always served (currencies, units, vendors).
 */
const FIXED_PREFIX: Readonly<Record<string, string>> = {
  currencies: '01',
  uom: '02',
  'statuses/purchase-orders': '03',
  vendors: '04',
  sites: '06',
  organizations: '07',
  locations: '08',
  materials: '09',
  products: '10',
  accounts: '12',
  storerooms: '13',
};

let prefixes: Map<string, string> | undefined;

function prefixOf(segment: string): string {
  if (!prefixes) {
    prefixes = new Map(Object.entries(FIXED_PREFIX));
    let next = 20;
    for (const name of resourceCatalog().keys()) {
      if (!prefixes.has(name)) prefixes.set(name, String(next++));
    }
  }
  return prefixes.get(segment) ?? '99';
}

/** The key of record `index` of a collection (purchase orders have their own, per connection). */
export function keyOf(segment: string, index: number): string {
  if (segment === 'statuses/purchase-orders') return `0300000000000${index}`;
  if (segment === 'vendors') return `0400000000${String(index).padStart(4, '0')}`;
  if (segment === 'currencies')
    return (
      ['01000000000978', '01000000000840', '01000000000826', '01000000000208'][index] ??
      `01${String(index).padStart(12, '0')}`
    );
  if (segment === 'uom') return `020000000000${String(index + 1).padStart(2, '0')}`;
  return `${prefixOf(segment)}${String(index + 1).padStart(12, '0')}`;
}

/** Which collection a `*Key` field points to; `undefined` when the ERP spec has none (assets). */
const REF_TARGETS: Readonly<Record<string, string>> = {
  po: 'purchase-orders',
  vendor: 'vendors',
  material: 'materials',
  assembly: 'materials',
  product: 'products',
  storeroom: 'storerooms',
  fromStoreroom: 'storerooms',
  toStoreroom: 'storerooms',
  site: 'sites',
  location: 'locations',
  fromLocation: 'locations',
  toLocation: 'locations',
  uom: 'uom',
  costUom: 'uom',
  rateBase: 'uom',
  currency: 'currencies',
  baseCurrency: 'currencies',
  customer: 'customers',
  salesOrder: 'sales-orders',
  shipmentOrder: 'sales-orders',
  account: 'accounts',
  organization: 'organizations',
  team: 'teams',
  user: 'users',
  userManager: 'users',
  userRequested: 'users',
  userApproved: 'users',
  requester: 'users',
  company: 'companies',
  tax: 'taxes',
  project: 'projects',
  productionOrder: 'production-orders',
  stockTransfer: 'stock-transfers',
  document: 'documents',
};

/** The collection a reference field (`vendorKey`, `siteKeys`) points to, if the spec serves one. */
export function refTarget(field: string, segment: string): string | undefined {
  const base = field.replace(/Keys?$/, '');
  if (base === 'parent') return segment;
  if (base === 'status') {
    const statuses = `statuses/${segment}`;
    return resourceCatalog().has(statuses) ? statuses : undefined;
  }
  const target = REF_TARGETS[base];
  return target && resourceCatalog().has(target) ? target : undefined;
}
