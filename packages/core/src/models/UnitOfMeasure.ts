/** A unit of measure (`uomKey`); generated from the spec. */
export { UnitOfMeasure, UnitOfMeasureFields } from '../generated/schemas.js';
