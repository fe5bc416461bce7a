/** Every webhook event type, as an `as const` object; no schema code, so it is cheap to import. */
export const WebhookEventType = {
  /** The customer's system credentials stopped working: run Link again for this connection. */
  CONNECTION_REAUTHORIZATION_REQUIRED: 'connection.reauthorization_required',
  /** The connection works again after Link was run (a new token was issued). */
  CONNECTION_REAUTHORIZED: 'connection.reauthorized',
  /** The connection's status changed; `data.previous_status` and `data.status` say how. */
  CONNECTION_STATUS_CHANGED: 'connection.status_changed',
  /** A sync of the connection finished; `data.sync_status` is `done` or `fulldone`. */
  SYNC_COMPLETED: 'sync.completed',
  /** A sync of the connection failed; `data.error` says why (`fail`: the credentials are invalid). */
  SYNC_FAILED: 'sync.failed',
  /** A purchase order was created in the source system; `data` carries the order. */
  PURCHASE_ORDER_INSERTED: 'purchase_order.inserted',
  /** A purchase order was changed in the source system; `data` carries the order. */
  PURCHASE_ORDER_UPDATED: 'purchase_order.updated',
  /** A site was created in the source system; `data` carries at least its `key`. */
  SITE_INSERTED: 'site.inserted',
  /** A site was changed in the source system; `data` carries at least its `key`. */
  SITE_UPDATED: 'site.updated',
  /** An asset was created in the source system; `data` carries at least its `key`. */
  ASSET_INSERTED: 'asset.inserted',
  /** An asset was changed in the source system; `data` carries at least its `key`. */
  ASSET_UPDATED: 'asset.updated',
  /** A work order was created in the source system; `data` carries at least its `key`. */
  WORK_ORDER_INSERTED: 'work_order.inserted',
  /** A work order was changed in the source system; `data` carries at least its `key`. */
  WORK_ORDER_UPDATED: 'work_order.updated',
  // Record events beyond the four documented families: the sandbox's naming (singular snake case
  // of the resource), an assumption recorded in the sandbox's FIDELITY.md.
  /** A customer was created in the source system; `data` carries at least its `key`. */
  CUSTOMER_INSERTED: 'customer.inserted',
  /** A customer was changed in the source system; `data` carries at least its `key`. */
  CUSTOMER_UPDATED: 'customer.updated',
  /** A product was created in the source system; `data` carries at least its `key`. */
  PRODUCT_INSERTED: 'product.inserted',
  /** A product was changed in the source system; `data` carries at least its `key`. */
  PRODUCT_UPDATED: 'product.updated',
  /** A stock was created in the source system; `data` carries at least its `key`. */
  STOCK_INSERTED: 'stock.inserted',
  /** A stock was changed in the source system; `data` carries at least its `key`. */
  STOCK_UPDATED: 'stock.updated',
  /** A sales order was created in the source system; `data` carries at least its `key`. */
  SALES_ORDER_INSERTED: 'sales_order.inserted',
  /** A sales order was changed in the source system; `data` carries at least its `key`. */
  SALES_ORDER_UPDATED: 'sales_order.updated',
  /** An invoice was created in the source system; `data` carries at least its `key`. */
  INVOICE_INSERTED: 'invoice.inserted',
  /** An invoice was changed in the source system; `data` carries at least its `key`. */
  INVOICE_UPDATED: 'invoice.updated',
  /** A receiving was created in the source system; `data` carries at least its `key`. */
  RECEIVING_INSERTED: 'receiving.inserted',
  /** A receiving was changed in the source system; `data` carries at least its `key`. */
  RECEIVING_UPDATED: 'receiving.updated',
  /** A request for quotation was created in the source system; `data` carries at least its `key`. */
  RFQ_INSERTED: 'rfq.inserted',
  /** A request for quotation was changed in the source system; `data` carries at least its `key`. */
  RFQ_UPDATED: 'rfq.updated',
  /** A material was created in the source system; `data` carries at least its `key`. */
  MATERIAL_INSERTED: 'material.inserted',
  /** A material was changed in the source system; `data` carries at least its `key`. */
  MATERIAL_UPDATED: 'material.updated',
  /** An inventory was created in the source system; `data` carries at least its `key`. */
  INVENTORY_INSERTED: 'inventory.inserted',
  /** An inventory was changed in the source system; `data` carries at least its `key`. */
  INVENTORY_UPDATED: 'inventory.updated',
  /** A stock transfer was created in the source system; `data` carries at least its `key`. */
  STOCK_TRANSFER_INSERTED: 'stock_transfer.inserted',
  /** A stock transfer was changed in the source system; `data` carries at least its `key`. */
  STOCK_TRANSFER_UPDATED: 'stock_transfer.updated',
  /** A return order was created in the source system; `data` carries at least its `key`. */
  RETURN_ORDER_INSERTED: 'return_order.inserted',
  /** A return order was changed in the source system; `data` carries at least its `key`. */
  RETURN_ORDER_UPDATED: 'return_order.updated',
  /** A fulfillment was created in the source system; `data` carries at least its `key`. */
  FULFILLMENT_INSERTED: 'fulfillment.inserted',
  /** A fulfillment was changed in the source system; `data` carries at least its `key`. */
  FULFILLMENT_UPDATED: 'fulfillment.updated',
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

/** All event types, in a stable order. */
export const WEBHOOK_EVENT_TYPES = Object.values(WebhookEventType) as readonly WebhookEventType[];
