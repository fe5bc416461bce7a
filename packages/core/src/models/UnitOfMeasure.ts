import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { decimal, flag, key, text } from './fields.js';

/** The fields of a Makini `UnitOfMeasure`; `rate` converts to the unit `rateBaseKey` names. */
export const UnitOfMeasureFields = z.looseObject({
  key: key(),
  name: text(),
  code: text(),
  rateBaseKey: text(),
  rate: decimal(),
  isActive: flag(),
});

/** A unit of measure (EA, KG, M) for line-item quantities. */
export const UnitOfMeasure = withCustomFields(UnitOfMeasureFields);
export type UnitOfMeasure = z.infer<typeof UnitOfMeasure>;
