/** A currency a purchase order or line item is priced in; generated from the spec. */
export { Currency, CurrencyFields } from '../generated/schemas.js';
