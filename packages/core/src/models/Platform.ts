/** A platform (SAP S/4HANA, Oracle NetSuite, IBM Maximo …) from `/api/system/platforms`; generated from the spec. */
export { Platform, PlatformFields } from '../generated/schemas.js';
