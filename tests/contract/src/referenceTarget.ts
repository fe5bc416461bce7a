// Which list a `*Key` field of a request body names a record of. Makini's spec states the link only
// in prose ("ensure the referenced keys exist"), so the names are read as the ERP fields read.

const IRREGULAR: Readonly<Record<string, string>> = {
  po: 'purchaseOrders',
  assembly: 'materials',
  fromStoreroom: 'storerooms',
  toStoreroom: 'storerooms',
  fromLocation: 'locations',
  toLocation: 'locations',
  costUom: 'uom',
  rateBase: 'uom',
  uom: 'uom',
  baseCurrency: 'currencies',
  currency: 'currencies',
  shipmentOrder: 'salesOrders',
  userManager: 'users',
  userRequested: 'users',
  userApproved: 'users',
  requester: 'users',
  bom: 'bom',
  rfq: 'rfq',
  receiving: 'receiving',
};

/**
 * The client resource (`vendors`, `purchaseOrders`) whose records a reference field names, among
 * `resources`; `undefined` when none fits (Makini's `assetKey`, `workOrderKey`).
 *
 * @example
 * referenceTarget('vendorKey', new Set(['vendors'])); // 'vendors'
 * referenceTarget('poKey', new Set(['purchaseOrders'])); // 'purchaseOrders'
 */
export function referenceTarget(field: string, resources: ReadonlySet<string>): string | undefined {
  const base = field.replace(/Keys?$/, '');
  const irregular = IRREGULAR[base];
  if (irregular) return resources.has(irregular) ? irregular : undefined;
  const candidates = [`${base}s`, `${base.replace(/y$/, 'ie')}s`, `${base}es`, base];
  return candidates.find((candidate) => resources.has(candidate));
}
