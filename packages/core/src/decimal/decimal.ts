/**
 * Exact decimal arithmetic on the strings Makini sends for money and quantities.
 *
 * A value is an integer number of units at a scale (`12.50` = 1250 units at scale 2), held in a
 * `bigint`, so nothing is lost to binary floating point however large or precise the value is.
 */

/** A parsed exact decimal: `units × 10^-scale`. */
export interface Decimal {
  /** The value without its decimal point: `1250n` for `12.50`. */
  readonly units: bigint;
  /** Digits after the decimal point: `2` for `12.50`. */
  readonly scale: number;
}

/** A value the helpers accept: a decimal string, a finite number, a bigint or a parsed {@link Decimal}. */
export type DecimalInput = string | number | bigint | Decimal;

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Exponents past this are refused rather than allocating huge digit strings from hostile input. */
const MAX_EXPONENT = 1000;

/**
 * Parses a decimal string (`"12.50"`, `"-3"`, `".5"`, `"1.2e3"`), returning `undefined` for anything
 * that is not one (a placeholder such as `"string"`, an empty string, `"NaN"`).
 *
 * @example
 * parseDecimal('12345678901234567890.123456789'); // { units: 12345678901234567890123456789n, scale: 9 }
 * parseDecimal('n/a'); // undefined
 */
export function parseDecimal(value: DecimalInput | null | undefined): Decimal | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return value;
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    value = String(value);
  }
  const match = DECIMAL_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: sign === '-' ? -units : units, scale };
}

/**
 * True when `value` is a string that {@link parseDecimal} accepts.
 *
 * @example
 * isDecimalString('12.50'); // true
 * isDecimalString('12,50'); // false
 */
export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && parseDecimal(value) !== undefined;
}

function mustParse(value: DecimalInput, operation: string): Decimal {
  const parsed = parseDecimal(value);
  if (!parsed) {
    throw new TypeError(
      `${operation}: ${JSON.stringify(String(value))} is not a decimal number. ` +
        'Check it with parseDecimal() or isDecimalString() first.',
    );
  }
  return parsed;
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/**
 * Formats a decimal as a plain string, keeping its scale (`"12.50"` stays `"12.50"`).
 * Pass `trim: true` to drop trailing zeros.
 *
 * @example
 * formatDecimal('12.50'); // "12.50"
 * formatDecimal('12.50', { trim: true }); // "12.5"
 * formatDecimal('1e3'); // "1000"
 */
export function formatDecimal(value: DecimalInput, options: { trim?: boolean } = {}): string {
  const { units, scale } = mustParse(value, 'formatDecimal');
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  let text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  if (options.trim && scale > 0) text = text.replace(/\.?0+$/, '');
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/**
 * Compares two decimals exactly: `-1`, `0` or `1`. `"1.50"` equals `"1.5"`.
 *
 * @example
 * lines.sort((a, b) => compareDecimal(a.price ?? '0', b.price ?? '0'));
 */
export function compareDecimal(a: DecimalInput, b: DecimalInput): -1 | 0 | 1 {
  const left = mustParse(a, 'compareDecimal');
  const right = mustParse(b, 'compareDecimal');
  const scale = Math.max(left.scale, right.scale);
  const difference = atScale(left, scale) - atScale(right, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/**
 * Adds decimals exactly; the result keeps the largest scale of its operands.
 *
 * @example
 * addDecimal('0.1', '0.2'); // "0.3"
 * addDecimal(...order.lineItems.map((line) => line.lineTotalValue ?? '0'));
 */
export function addDecimal(...values: DecimalInput[]): string {
  const parsed = values.map((value) => mustParse(value, 'addDecimal'));
  const scale = Math.max(0, ...parsed.map((value) => value.scale));
  const units = parsed.reduce((sum, value) => sum + atScale(value, scale), 0n);
  return formatDecimal({ units, scale });
}

/**
 * Subtracts `b` from `a` exactly.
 *
 * @example subtractDecimal('100.00', '0.01'); // "99.99"
 */
export function subtractDecimal(a: DecimalInput, b: DecimalInput): string {
  const right = mustParse(b, 'subtractDecimal');
  return addDecimal(a, { units: -right.units, scale: right.scale });
}

/**
 * Multiplies decimals exactly; the result's scale is the sum of the operands' scales.
 *
 * @example multiplyDecimal('2.50', '1.2'); // "3.000"
 */
export function multiplyDecimal(a: DecimalInput, b: DecimalInput): string {
  const left = mustParse(a, 'multiplyDecimal');
  const right = mustParse(b, 'multiplyDecimal');
  return formatDecimal({ units: left.units * right.units, scale: left.scale + right.scale });
}

/**
 * Rounds to `scale` fraction digits, half away from zero (commercial rounding), e.g. for display
 * of a line total in its currency's minor units.
 *
 * @example roundDecimal('2.345', 2); // "2.35"
 */
export function roundDecimal(value: DecimalInput, scale: number): string {
  if (!Number.isInteger(scale) || scale < 0) {
    throw new RangeError(`roundDecimal: scale must be a non-negative integer, got ${scale}.`);
  }
  const parsed = mustParse(value, 'roundDecimal');
  if (parsed.scale <= scale) return formatDecimal({ units: atScale(parsed, scale), scale });
  const divisor = 10n ** BigInt(parsed.scale - scale);
  const magnitude = parsed.units < 0n ? -parsed.units : parsed.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return formatDecimal({ units: parsed.units < 0n ? -quotient : quotient, scale });
}
