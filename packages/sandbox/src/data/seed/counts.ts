import { CURRENCIES, STATUSES, UNITS, VENDORS } from '../catalog.js';
import { STATUS_NAMES } from './vocabulary.js';

/** Records per collection and connection; purchase orders follow the `orders` option. */
const COUNTS: Readonly<Record<string, number>> = {
  currencies: CURRENCIES.length,
  uom: UNITS.length,
  vendors: VENDORS.length,
  'statuses/purchase-orders': STATUSES.length,
  organizations: 3,
  sites: 4,
  companies: 6,
  locations: 12,
  storerooms: 8,
  accounts: 16,
  teams: 5,
  users: 15,
  taxes: 5,
  'exchange-rates': 6,
  labors: 12,
  projects: 8,
  materials: 30,
  products: 30,
  inventories: 30,
  stocks: 40,
};

/** How many records a collection holds (40 for documents such as invoices and sales orders). */
export function countOf(segment: string, orders: number): number {
  if (segment === 'purchase-orders') return orders;
  if (segment.startsWith('statuses/')) {
    return COUNTS[segment] ?? STATUS_NAMES[segment.slice('statuses/'.length)]?.length ?? 5;
  }
  const fixed = COUNTS[segment];
  if (fixed !== undefined) return fixed;
  // Documents tied to a purchase order never outnumber the orders they point to.
  if (['invoices', 'receipts', 'receiving', 'return-orders'].includes(segment))
    return Math.min(40, orders);
  return 20;
}
