export {
  addDecimal,
  compareDecimal,
  type Decimal,
  type DecimalInput,
  formatDecimal,
  isDecimalString,
  multiplyDecimal,
  parseDecimal,
  roundDecimal,
  subtractDecimal,
} from './decimal/decimal.js';
export { ErrorCode, isErrorCode } from './errors/ErrorCode.js';
export * from './models/index.js';
