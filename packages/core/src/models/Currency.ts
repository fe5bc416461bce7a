import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { flag, key, text, timestamp } from './fields.js';

/** The fields of a Makini `Currency`. `code` is usually ISO 4217 but is kept as the system sent it. */
export const CurrencyFields = z.looseObject({
  key: key(),
  name: text(),
  code: text(),
  isBase: flag(),
  isActive: flag(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  deletedAt: timestamp(),
});

/** A currency a purchase order or line item is priced in. */
export const Currency = withCustomFields(CurrencyFields);
export type Currency = z.infer<typeof Currency>;
