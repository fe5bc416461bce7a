/** Realistic words for seeded records, so a sandbox page reads like a customer's real system. */
export const SITE_NAMES = ['Aarhus Plant', 'Stuttgart Works', 'Houston Terminal', 'Sheffield Mill'];
export const ORGANIZATION_NAMES = ['Purchasing Europe', 'Purchasing Americas', 'Group Maintenance'];
export const COMPANY_NAMES = [
  'Nordic Steel Holding A/S',
  'Bosch Rexroth AG',
  'SKF Group',
  'Parker Hannifin Corp.',
  'Festo SE & Co. KG',
  'Atlas Copco AB',
];
export const CUSTOMER_NAMES = [
  'Vestas Wind Systems',
  'Maersk Drilling',
  'Grundfos Pumps',
  'Danfoss Drives',
  'ThyssenKrupp Elevator',
  'Shell Moerdijk',
  'Ørsted Offshore',
  'Heidelberg Materials',
  'ArcelorMittal Gent',
  'Novo Nordisk Kalundborg',
];
export const FIRST_NAMES = ['Anna', 'Lars', 'Maria', 'Jonas', 'Sofia', 'Peter', 'Emma', 'Karl'];
export const LAST_NAMES = ['Jensen', 'Müller', 'Hansen', 'Schmidt', 'Nielsen', 'Smith', 'Berg'];
export const ROLES = ['Buyer', 'Planner', 'Maintenance technician', 'Storekeeper', 'Approver'];
export const TEAM_NAMES = ['Mechanical', 'Electrical', 'Instrumentation', 'Facilities', 'Stores'];
export const LOCATION_NAMES = [
  'Central warehouse',
  'Line 1',
  'Line 2',
  'Workshop',
  'Dock 2',
  'Yard',
];
export const ACCOUNT_NAMES = [
  'Spare parts',
  'Consumables',
  'Tooling',
  'Freight in',
  'Repairs and maintenance',
  'Safety equipment',
  'Raw materials',
  'Services',
];
export const TAXES: ReadonlyArray<readonly [string, string]> = [
  ['Danish VAT', '25.00'],
  ['German VAT', '19.00'],
  ['Texas sales tax', '8.25'],
  ['UK VAT', '20.00'],
  ['Dutch VAT', '21.00'],
];
export const PROJECT_NAMES = [
  'Line 2 retrofit',
  'Compressor overhaul',
  'ERP rollout',
  'Boiler replacement',
  'Roof renewal',
  'Conveyor upgrade',
];
export const CATEGORIES = ['Bearings', 'Hydraulics', 'Fasteners', 'Sheet metal', 'Lubricants'];
export const CRITICALITIES = ['A', 'B', 'C'];
export const STORE_TYPES = ['Main store', 'Satellite store', 'Quarantine', 'Consignment'];
/** Status names per status resource; the rest use the purchase-order list. */
export const STATUS_NAMES: Readonly<Record<string, readonly string[]>> = {
  'sales-orders': ['Open', 'Confirmed', 'Picked', 'Shipped', 'Invoiced', 'Cancelled'],
  invoices: ['Draft', 'Posted', 'Approved', 'Paid', 'Cancelled'],
  projects: ['Planned', 'Active', 'On hold', 'Completed'],
  'production-orders': ['Created', 'Released', 'In progress', 'Completed', 'Closed'],
  rfq: ['Draft', 'Sent', 'Quoted', 'Awarded', 'Closed'],
  receiving: ['Expected', 'Received', 'Inspected', 'Put away'],
  'return-orders': ['Requested', 'Approved', 'Shipped', 'Credited'],
  fulfillments: ['Open', 'Packed', 'Shipped', 'Delivered'],
  'purchase-requisitions': ['Draft', 'Submitted', 'Approved', 'Rejected', 'Ordered'],
};
