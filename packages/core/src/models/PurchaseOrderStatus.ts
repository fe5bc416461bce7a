import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { flag, key, text, timestamp } from './fields.js';

/** The fields of a Makini `Status` record, as listed by `/api/erp/statuses/purchase-orders`. */
export const PurchaseOrderStatusFields = z.looseObject({
  key: key(),
  organizationKey: text(),
  parentKey: text(),
  name: text(),
  code: text(),
  subCode: text(),
  scope: text(),
  isActive: flag(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  deletedAt: timestamp(),
});

/** A purchase-order status of the source system (open, approved, received …), referenced by `statusKey`. */
export const PurchaseOrderStatus = withCustomFields(PurchaseOrderStatusFields);
export type PurchaseOrderStatus = z.infer<typeof PurchaseOrderStatus>;
