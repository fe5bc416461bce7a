import { POLineItemFields } from '../generated/schemas.js';

/**
 * One line of a purchase order as embedded in it (Makini's `POLineItem`), generated from the spec.
 * The line items endpoint (`client.purchaseOrders.lineItems`) returns `LineItem`, which has `cost`.
 *
 * @example
 * const line = PurchaseOrderLineItem.parse(json);
 * const total = multiplyDecimal(line.quantity ?? '0', line.price ?? '0');
 */
export {
  POLineItem as PurchaseOrderLineItem,
  POLineItemFields as PurchaseOrderLineItemFields,
} from '../generated/schemas.js';

/** Canonical line-item field names, for field mappings. */
export const PURCHASE_ORDER_LINE_ITEM_FIELDS = Object.keys(POLineItemFields.shape) as ReadonlyArray<
  keyof typeof POLineItemFields.shape
>;
