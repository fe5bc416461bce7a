import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { key, text, timestamp } from './fields.js';

/** The fields of a Makini `Vendor` (supplier). */
export const VendorFields = z.looseObject({
  key: key(),
  name: text(),
  code: text(),
  companyKey: text(),
  organizationKey: text(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  deletedAt: timestamp(),
});

/** A supplier purchase orders are placed with. */
export const Vendor = withCustomFields(VendorFields);
export type Vendor = z.infer<typeof Vendor>;
