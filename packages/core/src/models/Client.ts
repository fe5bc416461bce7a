import * as z from 'zod';
import { withCustomFields } from './customFields.js';
import { recordId, stringList, text } from './fields.js';

/** The fields of `/api/system/client`: the SaaS product's own Makini client. */
export const ClientFields = z.looseObject({
  id: recordId(),
  name: text(),
  logo_url: text(),
  email: text(),
  default_redirect: text(),
  /** Registered Link redirect URIs (a JSON array, or a string holding one as in Makini's example). */
  redirects: stringList(),
});

/** The Makini client (the SaaS product) the token belongs to. */
export const Client = withCustomFields(ClientFields);
export type Client = z.infer<typeof Client>;
