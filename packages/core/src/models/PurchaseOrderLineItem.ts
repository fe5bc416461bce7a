import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { decimal, key, text, timestamp } from './fields.js';

/** The fields of Makini's `POLineItem`. Quantities and money are exact decimal strings. */
export const PurchaseOrderLineItemFields = z.looseObject({
  key: key(),
  locationKey: text(),
  accountKey: text(),
  vendorKey: text(),
  assetKey: text(),
  materialKey: text(),
  productKey: text(),
  statusKey: text(),
  storeroomKey: text(),
  lineNo: text(),
  /** Product or material code in the source system. */
  code: text(),
  type: text(),
  name: text(),
  description: text(),
  lineRef: text(),
  quantity: decimal(),
  receivedQuantity: decimal(),
  uomKey: text(),
  currencyKey: text(),
  /** Unit price. */
  price: decimal(),
  discount: decimal(),
  lineTaxValue: decimal(),
  lineTotalValue: decimal(),
  notes: text(),
  deliveryAt: timestamp(),
  dueAt: timestamp(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  deletedAt: timestamp(),
});

/**
 * One line of a purchase order (Makini's `POLineItem`).
 *
 * @example
 * const line = PurchaseOrderLineItem.parse(json);
 * const total = multiplyDecimal(line.quantity ?? '0', line.price ?? '0');
 */
export const PurchaseOrderLineItem = withCustomFields(PurchaseOrderLineItemFields);
export type PurchaseOrderLineItem = z.infer<typeof PurchaseOrderLineItem>;

/** Canonical line-item field names, for field mappings. */
export const PURCHASE_ORDER_LINE_ITEM_FIELDS = Object.keys(
  PurchaseOrderLineItemFields.shape,
) as ReadonlyArray<keyof typeof PurchaseOrderLineItemFields.shape>;
