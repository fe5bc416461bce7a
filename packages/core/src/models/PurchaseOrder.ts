import * as z from 'zod';
import { Address } from './Address.js';
import { withCustomFields } from './customFields.js';
import { decimal, key, text, timestamp } from './fields.js';
import { PurchaseOrderLineItem } from './PurchaseOrderLineItem.js';

/** The fields of Makini's `PurchaseOrder`. */
export const PurchaseOrderFields = z.looseObject({
  key: key(),
  siteKey: text(),
  organizationKey: text(),
  orderDate: timestamp(),
  vendorKey: text(),
  userRequestedKey: text(),
  userApprovedKey: text(),
  orderNo: text(),
  statusKey: text(),
  title: text(),
  description: text(),
  /** Date the goods are required by. */
  dueAt: timestamp(),
  approvedAt: timestamp(),
  completedAt: timestamp(),
  shippingMethod: text(),
  shipmentDate: timestamp(),
  shipmentAddress: Address.nullish(),
  billingAddress: Address.nullish(),
  /** Payment terms. */
  terms: text(),
  notes: text(),
  deliveryAddress: Address.nullish(),
  currencyKey: text(),
  locationKey: text(),
  totalNetValue: decimal(),
  totalGrossValue: decimal(),
  updatedAt: timestamp(),
  lineItems: z.array(PurchaseOrderLineItem).nullish(),
});

/**
 * A purchase order as Makini returns it from `/api/erp/purchase-orders`. Which fields are present
 * depends on the source system; fields the model does not know are kept in `customFields`.
 *
 * @example
 * const order = PurchaseOrder.parse(json);
 * order.lineItems?.[0]?.price; // "12.50" — exact, read with parseDecimal()
 * order.customFields; // { ZZ_COST_CENTER: "4711" }
 */
export const PurchaseOrder = withCustomFields(PurchaseOrderFields);
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

/** Canonical purchase-order field names, for field mappings. */
export const PURCHASE_ORDER_FIELDS = Object.keys(PurchaseOrderFields.shape) as ReadonlyArray<
  keyof typeof PurchaseOrderFields.shape
>;
