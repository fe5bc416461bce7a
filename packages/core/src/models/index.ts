export { Address, AddressFields } from './Address.js';
export { ApiErrorBody } from './ApiErrorBody.js';
export { Client, ClientFields } from './Client.js';
export { Connection, ConnectionFields } from './Connection.js';
export { CONNECTION_HEALTH_STATES, ConnectionHealthState } from './ConnectionHealthState.js';
export { Currency, CurrencyFields } from './Currency.js';
export { customFieldsOf, type WithCustomFields } from './customFields.js';
export { FieldMapping } from './FieldMapping.js';
export { type LooseFields, parseFlag, parseTimestamp } from './fields.js';
export { Integration, IntegrationFields, isSyncStatus, SyncStatus } from './Integration.js';
export { Page, PageLinks, PageMeta } from './Page.js';
export { Platform, PlatformFields } from './Platform.js';
export { PURCHASE_ORDER_FIELDS, PurchaseOrder, PurchaseOrderFields } from './PurchaseOrder.js';
export {
  PURCHASE_ORDER_LINE_ITEM_FIELDS,
  PurchaseOrderLineItem,
  PurchaseOrderLineItemFields,
} from './PurchaseOrderLineItem.js';
export { PurchaseOrderStatus, PurchaseOrderStatusFields } from './PurchaseOrderStatus.js';
export {
  ConnectionStore,
  ConnectionToken,
  normalizeExpiry,
  TokenResponse,
  TokenResponseFields,
} from './TokenResponse.js';
export { UnitOfMeasure, UnitOfMeasureFields } from './UnitOfMeasure.js';
export { Vendor, VendorFields } from './Vendor.js';
export { WebhookEvent, type WebhookEventOf } from './WebhookEvent.js';
export { WEBHOOK_EVENT_TYPES, WebhookEventType } from './WebhookEventType.js';
