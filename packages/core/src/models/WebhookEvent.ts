import * as z from 'zod';
import { key, text, timestamp } from './fields.js';
import { PurchaseOrder } from './PurchaseOrder.js';
import { WebhookEventType } from './WebhookEventType.js';

/** The envelope every event shares; `data` depends on `type`. */
const envelope = <Type extends string, Data extends z.ZodType>(type: Type, data: Data) =>
  z.looseObject({
    /** Unique per event; the same id is sent on every retry, so use it to deduplicate. */
    id: z.string().min(1),
    /** What happened: one of {@link WebhookEventType}'s values; it decides the shape of `data`. */
    type: z.literal(type),
    /** When Makini created the event (ISO 8601), not when it was delivered. */
    created_at: z.string().min(1),
    /** The key of the connection the event concerns. */
    connection_id: z.string().min(1),
    /** What the event is about; its shape depends on `type`. */
    data,
  });

const ReauthorizationRequiredData = z.looseObject({
  /** Why access was lost, in words a customer can act on. */
  reason: z.string(),
  /** The error code the source system's calls now fail with. */
  error_code: text(),
  /** The connection's status now, in Makini's words. */
  status: text(),
});

const ReauthorizedData = z.looseObject({
  /** The connection's status now, in Makini's words. */
  status: text(),
  /** When Link connected it again (ISO 8601). */
  connected_at: timestamp(),
});

const StatusChangedData = z.looseObject({
  /** The status before the change, when Makini sends it. */
  previous_status: text(),
  /** The status now, in Makini's words. */
  status: z.string(),
});

const SyncCompletedData = z.looseObject({
  /** A `SyncStatus`: `done`, or `fulldone` after a full sync. */
  sync_status: z.string(),
  /** When the sync finished (ISO 8601). */
  completed_at: timestamp(),
  /** How many records the sync read, when Makini says. */
  records: z.number().int().nonnegative().nullish(),
});

const SyncFailedData = z.looseObject({
  /** A `SyncStatus`: `error`, or `fail` when the platform credentials are invalid. */
  sync_status: z.string(),
  /** Why the sync failed. */
  error: z.looseObject({
    /** A machine-readable code, e.g. `AUTHENTICATION_FAILED`. */
    code: z.string(),
    /** What went wrong, in words. */
    message: z.string(),
  }),
});

/** Inserted/updated events for records other than purchase orders carry at least the record key. */
const RecordData = z.looseObject({
  /** The record's `key`: fetch the whole record with the client when you need it. */
  key: key(),
});

/**
 * A webhook event: a union discriminated on `type`, so a `switch (event.type)` narrows `data`.
 *
 * @example
 * const event = WebhookEvent.parse(JSON.parse(rawBody));
 * if (event.type === 'connection.reauthorization_required') notify(event.data.reason);
 */
export const WebhookEvent = z.discriminatedUnion('type', [
  envelope(WebhookEventType.CONNECTION_REAUTHORIZATION_REQUIRED, ReauthorizationRequiredData),
  envelope(WebhookEventType.CONNECTION_REAUTHORIZED, ReauthorizedData),
  envelope(WebhookEventType.CONNECTION_STATUS_CHANGED, StatusChangedData),
  envelope(WebhookEventType.SYNC_COMPLETED, SyncCompletedData),
  envelope(WebhookEventType.SYNC_FAILED, SyncFailedData),
  envelope(WebhookEventType.PURCHASE_ORDER_INSERTED, PurchaseOrder),
  envelope(WebhookEventType.PURCHASE_ORDER_UPDATED, PurchaseOrder),
  envelope(WebhookEventType.SITE_INSERTED, RecordData),
  envelope(WebhookEventType.SITE_UPDATED, RecordData),
  envelope(WebhookEventType.ASSET_INSERTED, RecordData),
  envelope(WebhookEventType.ASSET_UPDATED, RecordData),
  envelope(WebhookEventType.WORK_ORDER_INSERTED, RecordData),
  envelope(WebhookEventType.WORK_ORDER_UPDATED, RecordData),
  envelope(WebhookEventType.CUSTOMER_INSERTED, RecordData),
  envelope(WebhookEventType.CUSTOMER_UPDATED, RecordData),
  envelope(WebhookEventType.PRODUCT_INSERTED, RecordData),
  envelope(WebhookEventType.PRODUCT_UPDATED, RecordData),
  envelope(WebhookEventType.STOCK_INSERTED, RecordData),
  envelope(WebhookEventType.STOCK_UPDATED, RecordData),
  envelope(WebhookEventType.SALES_ORDER_INSERTED, RecordData),
  envelope(WebhookEventType.SALES_ORDER_UPDATED, RecordData),
  envelope(WebhookEventType.INVOICE_INSERTED, RecordData),
  envelope(WebhookEventType.INVOICE_UPDATED, RecordData),
  envelope(WebhookEventType.RECEIVING_INSERTED, RecordData),
  envelope(WebhookEventType.RECEIVING_UPDATED, RecordData),
  envelope(WebhookEventType.RFQ_INSERTED, RecordData),
  envelope(WebhookEventType.RFQ_UPDATED, RecordData),
  envelope(WebhookEventType.MATERIAL_INSERTED, RecordData),
  envelope(WebhookEventType.MATERIAL_UPDATED, RecordData),
  envelope(WebhookEventType.INVENTORY_INSERTED, RecordData),
  envelope(WebhookEventType.INVENTORY_UPDATED, RecordData),
  envelope(WebhookEventType.STOCK_TRANSFER_INSERTED, RecordData),
  envelope(WebhookEventType.STOCK_TRANSFER_UPDATED, RecordData),
  envelope(WebhookEventType.RETURN_ORDER_INSERTED, RecordData),
  envelope(WebhookEventType.RETURN_ORDER_UPDATED, RecordData),
  envelope(WebhookEventType.FULFILLMENT_INSERTED, RecordData),
  envelope(WebhookEventType.FULFILLMENT_UPDATED, RecordData),
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The event of one `type`. */
export type WebhookEventOf<Type extends WebhookEvent['type']> = Extract<
  WebhookEvent,
  {
    /** The event type to narrow to. */
    type: Type;
  }
>;
