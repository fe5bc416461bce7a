/** A vendor (`vendorKey`); generated from the spec. */
export { Vendor, VendorFields } from '../generated/schemas.js';
