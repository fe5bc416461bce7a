/** Every webhook event type, as an `as const` object; no schema code, so it is cheap to import. */
export const WebhookEventType = {
  CONNECTION_REAUTHORIZATION_REQUIRED: 'connection.reauthorization_required',
  CONNECTION_REAUTHORIZED: 'connection.reauthorized',
  CONNECTION_STATUS_CHANGED: 'connection.status_changed',
  SYNC_COMPLETED: 'sync.completed',
  SYNC_FAILED: 'sync.failed',
  PURCHASE_ORDER_INSERTED: 'purchase_order.inserted',
  PURCHASE_ORDER_UPDATED: 'purchase_order.updated',
  SITE_INSERTED: 'site.inserted',
  SITE_UPDATED: 'site.updated',
  ASSET_INSERTED: 'asset.inserted',
  ASSET_UPDATED: 'asset.updated',
  WORK_ORDER_INSERTED: 'work_order.inserted',
  WORK_ORDER_UPDATED: 'work_order.updated',
  // Record events beyond the four documented families: the sandbox's naming (singular snake case
  // of the resource), an assumption recorded in the sandbox's FIDELITY.md.
  CUSTOMER_INSERTED: 'customer.inserted',
  CUSTOMER_UPDATED: 'customer.updated',
  PRODUCT_INSERTED: 'product.inserted',
  PRODUCT_UPDATED: 'product.updated',
  STOCK_INSERTED: 'stock.inserted',
  STOCK_UPDATED: 'stock.updated',
  SALES_ORDER_INSERTED: 'sales_order.inserted',
  SALES_ORDER_UPDATED: 'sales_order.updated',
  INVOICE_INSERTED: 'invoice.inserted',
  INVOICE_UPDATED: 'invoice.updated',
  RECEIVING_INSERTED: 'receiving.inserted',
  RECEIVING_UPDATED: 'receiving.updated',
  RFQ_INSERTED: 'rfq.inserted',
  RFQ_UPDATED: 'rfq.updated',
  MATERIAL_INSERTED: 'material.inserted',
  MATERIAL_UPDATED: 'material.updated',
  INVENTORY_INSERTED: 'inventory.inserted',
  INVENTORY_UPDATED: 'inventory.updated',
  STOCK_TRANSFER_INSERTED: 'stock_transfer.inserted',
  STOCK_TRANSFER_UPDATED: 'stock_transfer.updated',
  RETURN_ORDER_INSERTED: 'return_order.inserted',
  RETURN_ORDER_UPDATED: 'return_order.updated',
  FULFILLMENT_INSERTED: 'fulfillment.inserted',
  FULFILLMENT_UPDATED: 'fulfillment.updated',
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

/** All event types, in a stable order. */
export const WEBHOOK_EVENT_TYPES = Object.values(WebhookEventType) as readonly WebhookEventType[];
