import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { flag, text, timestamp } from './fields.js';

/** The fields of a Makini `Address` (ship-to, bill-to, delivery). */
export const AddressFields = z.looseObject({
  country: text(),
  addressLines: text(),
  addressee: text(),
  state: text(),
  city: text(),
  postCode: text(),
  phone: text(),
  email: text(),
  notes: text(),
  isActive: flag(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
});

/** A postal address as Makini sends it; unknown fields are kept in `customFields`. */
export const Address = withCustomFields(AddressFields);
export type Address = z.infer<typeof Address>;
