/** The Makini client (the SaaS product) the token belongs to, from `/api/system/client`; generated from the spec. */
export { Client, ClientFields } from '../generated/schemas.js';
