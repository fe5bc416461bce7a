/**
 * A purchase-order status of the source system, as listed by `/api/erp/statuses/purchase-orders`:
 * Makini's `Status` record, generated from the spec.
 */
export {
  Status as PurchaseOrderStatus,
  StatusFields as PurchaseOrderStatusFields,
} from '../generated/schemas.js';
