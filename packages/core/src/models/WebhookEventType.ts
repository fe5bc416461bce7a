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
} as const;
export type WebhookEventType = (typeof WebhookEventType)[keyof typeof WebhookEventType];

/** All event types, in a stable order. */
export const WEBHOOK_EVENT_TYPES = Object.values(WebhookEventType) as readonly WebhookEventType[];
