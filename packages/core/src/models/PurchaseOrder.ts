import { PurchaseOrderFields } from '../generated/schemas.js';

/**
 * A purchase order as Makini returns it from `/api/erp/purchase-orders`, generated from the spec.
 * Which fields are present depends on the source system; fields the model does not know are kept
 * in `customFields`.
 *
 * @example
 * const order = PurchaseOrder.parse(json);
 * order.lineItems?.[0]?.price; // "12.50" — exact, read with parseDecimal()
 * order.customFields; // { ZZ_COST_CENTER: "4711" }
 */
export { PurchaseOrder, PurchaseOrderFields } from '../generated/schemas.js';

/** Canonical purchase-order field names, for field mappings. */
export const PURCHASE_ORDER_FIELDS = Object.keys(PurchaseOrderFields.shape) as ReadonlyArray<
  keyof typeof PurchaseOrderFields.shape
>;
