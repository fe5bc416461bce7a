import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { recordId, text } from './fields.js';

/**
 * The fields of a platform Makini can connect to. Makini's spec leaves `Platform` open, so every
 * field is optional and the rest is kept in `customFields`.
 */
export const PlatformFields = z.looseObject({
  id: recordId().optional(),
  /** Display name, e.g. `SAP S/4HANA`. */
  name: text(),
  /** Slug used as `provider` when creating connections, e.g. `sap-s4hana`. */
  provider: text(),
  /** ERP, EAM, CMMS, WMS … */
  category: text(),
  logo_url: text(),
});

/** A platform (SAP S/4HANA, Oracle NetSuite, IBM Maximo …) listed by `/api/system/platforms`. */
export const Platform = withCustomFields(PlatformFields);
export type Platform = z.infer<typeof Platform>;
