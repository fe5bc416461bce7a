/**
 * Which resources each platform serves. The platforms differ as the systems do: an EAM has no
 * sales, NetSuite no bills of material through Makini. Assumption: Makini publishes no matrix.
 */
const UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  'sap-s4hana': ['labors', 'teams'],
  'oracle-netsuite': [
    'labors',
    'teams',
    'bom',
    'production-orders',
    'statuses/production-orders',
    'storerooms',
  ],
  'ibm-maximo': [
    'sales-orders',
    'statuses/sales-orders',
    'customers',
    'fulfillments',
    'statuses/fulfillments',
    'bom',
    'production-orders',
    'statuses/production-orders',
  ],
  'dynamics-365': ['labors'],
};

/** True when the platform serves the resource (`purchase-orders`, `statuses/invoices`, …). */
export function platformServes(provider: string, segment: string): boolean {
  const base = segment.replace(/\.line-items$/, '');
  return !(UNSUPPORTED[provider] ?? []).includes(base);
}

/** 32-bit FNV-1a: a field is left out on a platform when its hash says so (about one in eight). */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/**
 * Whether a platform fills a field of a resource. Keys, references, amounts and timestamps are
 * always there (they carry the relations and sums); descriptive fields vary per platform.
 */
export function platformFills(provider: string, segment: string, field: string, kind: string) {
  if (kind !== 'text' && kind !== 'boolean') return true;
  if (field === 'name' || field === 'code') return true;
  return hash(`${provider}/${segment}/${field}`) % 8 !== 0;
}
