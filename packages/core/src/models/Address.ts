/** A postal address as Makini sends it (ship-to, bill-to, delivery); generated from the spec. */
export { Address, AddressFields } from '../generated/schemas.js';
