import type { Currency, PurchaseOrderStatus, UnitOfMeasure, Vendor } from '@makini-kit/core';
import type { Wire } from './Wire.js';

/** Fixed reference data every sandbox connection shares. Keys follow Makini's 14-digit style. */
const stamp = '2024-01-02T08:00:00Z';

export const CURRENCIES: readonly Wire<Currency>[] = [
  ['01000000000978', 'Euro', 'EUR', true],
  ['01000000000840', 'US Dollar', 'USD', false],
  ['01000000000826', 'Pound Sterling', 'GBP', false],
  ['01000000000208', 'Danish Krone', 'DKK', false],
].map(([key, name, code, isBase]) => ({
  key: String(key),
  name: String(name),
  code: String(code),
  isBase: isBase ? 'true' : 'false',
  isActive: 'true',
  createdAt: stamp,
  updatedAt: stamp,
}));

export const UNITS: readonly Wire<UnitOfMeasure>[] = [
  ['02000000000001', 'Each', 'EA', 0],
  ['02000000000002', 'Kilogram', 'KG', 3],
  ['02000000000003', 'Metre', 'M', 2],
  ['02000000000004', 'Litre', 'L', 1],
  ['02000000000005', 'Box of 10', 'BX10', 0],
].map(([key, name, code]) => ({
  key: String(key),
  name: String(name),
  code: String(code),
  rate: '1',
  isActive: true,
}));

/** How many fraction digits a quantity in each unit carries. */
export const UNIT_SCALE: Readonly<Record<string, number>> = {
  '02000000000001': 0,
  '02000000000002': 3,
  '02000000000003': 2,
  '02000000000004': 1,
  '02000000000005': 0,
};

export const STATUSES: readonly Wire<PurchaseOrderStatus>[] = [
  'Draft',
  'Pending approval',
  'Approved',
  'Sent to vendor',
  'Partially received',
  'Received',
  'Closed',
  'Cancelled',
].map((name, index) => ({
  key: `0300000000000${index}`,
  name,
  code: name.toUpperCase().replace(/\s+/g, '_'),
  scope: 'purchase-orders',
  isActive: true,
  createdAt: stamp,
  updatedAt: stamp,
}));

export const VENDORS: readonly Wire<Vendor>[] = [
  'Bosch Rexroth AG',
  'SKF Group',
  'Siemens Industry Supply',
  'Grainger Industrial',
  'Würth Industrie Service',
  'Parker Hannifin',
  'Festo SE',
  'Sandvik Coromant',
  'Atlas Copco Tools',
  'Fastenal Company',
  'RS Components',
  'Hilti Nordic',
].map((name, index) => ({
  key: `0400000000${String(index).padStart(4, '0')}`,
  name,
  code: `V${String(10_000 + index * 17)}`,
  createdAt: stamp,
  updatedAt: stamp,
}));

/** Materials: code, name, unit key, unit price range in cents. */
export const MATERIALS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['MAT-100-4471', 'Deep groove ball bearing 6204-2RS', '02000000000001', 450, 2_900],
  ['MAT-100-5820', 'Hydraulic hose DN12, 2SN', '02000000000003', 1_150, 4_800],
  ['MAT-200-0192', 'Hex bolt M12x60 DIN 933 8.8', '02000000000005', 320, 1_400],
  ['MAT-200-7713', 'Stainless steel sheet 1.4301, 2 mm', '02000000000002', 380, 990],
  ['MAT-300-2205', 'Hydraulic oil HLP 46', '02000000000004', 240, 610],
  ['MAT-300-9031', 'Proximity sensor M18, PNP', '02000000000001', 2_400, 12_900],
  ['MAT-400-1148', 'V-belt SPA 1250', '02000000000001', 890, 3_100],
  ['MAT-400-6654', 'Safety gloves EN 388, size 9', '02000000000005', 1_250, 3_900],
  ['MAT-500-3307', 'Pneumatic cylinder DSBC-32-100', '02000000000001', 8_900, 31_000],
  ['MAT-500-8890', 'Cutting insert CNMG 120408', '02000000000005', 4_500, 18_000],
];

export const TERMS = ['Net 30', 'Net 60', '2/10 Net 30', 'Due on receipt', 'Net 45 EOM'];
export const SHIPPING_METHODS = ['FCA', 'DAP', 'DDP', 'EXW', 'CPT'];
export const CITIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['DK', 'Aarhus', '8000', 'Midtjylland'],
  ['DE', 'Stuttgart', '70173', 'Baden-Württemberg'],
  ['US', 'Houston', '77002', 'TX'],
  ['GB', 'Sheffield', 'S1 2HE', 'South Yorkshire'],
  ['NL', 'Rotterdam', '3011', 'Zuid-Holland'],
];
