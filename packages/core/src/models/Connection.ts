import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { key, stringList, text, timestamp } from './fields.js';

/** The fields of a Makini `Connection`: one customer's link to one industrial system. */
export const ConnectionFields = z.looseObject({
  key: key(),
  name: text(),
  email: text(),
  /** Makini's own status text (e.g. `active`, `reauthorization_required`); see `connectionHealthFromStatus`. */
  status: text(),
  /** The platform (SAP S/4HANA, IBM Maximo …) the connection reaches. */
  integration_name: text(),
  redirect: text(),
  scopes: z.union([z.string(), z.array(z.string())]).nullish(),
  /** Read from a JSON array or from a string holding one (`"[]"`, as in Makini's example). */
  tags: stringList(),
  /** Data the SaaS product attached to the connection; a string or an object depending on how it was set. */
  user_metadata: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  client_id: text(),
  created_at: timestamp(),
  updated_at: timestamp(),
  connected_at: timestamp(),
});

/** A connection as listed by `/api/system/connections`. */
export const Connection = withCustomFields(ConnectionFields);
export type Connection = z.infer<typeof Connection>;
