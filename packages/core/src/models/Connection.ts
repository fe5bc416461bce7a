/** A connection as listed by `/api/system/connections`; generated from the spec. */
export { Connection, ConnectionFields } from '../generated/schemas.js';
