import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  formatDecimal,
  isDecimalString,
  multiplyDecimal,
  parseDecimal,
  roundDecimal,
  subtractDecimal,
} from './decimal.js';

describe('parseDecimal / formatDecimal', () => {
  it.each([
    '12345678901234567890.123456789',
    '-0.000000000000000000000001',
    '0',
    '12.50',
    '99999999999999999999999999999999.99',
  ])('round-trips %s exactly', (text) => {
    expect(formatDecimal(parseDecimal(text) ?? 'invalid')).toBe(text);
  });

  it('reads leading dots, signs and exponents', () => {
    expect(formatDecimal(parseDecimal('.5') ?? '')).toBe('0.5');
    expect(formatDecimal(parseDecimal('+3') ?? '')).toBe('3');
    expect(formatDecimal(parseDecimal('1.25e3') ?? '')).toBe('1250');
    expect(formatDecimal(parseDecimal('125e-4') ?? '')).toBe('0.0125');
  });

  it.each(['string', '', ' ', '.', '1,5', 'NaN', '1e99999', '--1', '0x10'])(
    'returns undefined for %j',
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
      expect(isDecimalString(text)).toBe(false);
    },
  );

  it('trims trailing zeros only when asked', () => {
    expect(formatDecimal('12.500')).toBe('12.500');
    expect(formatDecimal('12.500', { trim: true })).toBe('12.5');
    expect(formatDecimal('12.000', { trim: true })).toBe('12');
    expect(formatDecimal('-0.00', { trim: true })).toBe('0');
  });
});

describe('arithmetic is exact', () => {
  it('adds where floating point would not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('12345678901234567890.123456789', '0.000000001')).toBe(
      '12345678901234567890.123456790',
    );
    expect(addDecimal('1.10', '2.205', '-3.305')).toBe('0.000');
  });

  it('subtracts', () => {
    expect(subtractDecimal('100', '0.01')).toBe('99.99');
    expect(subtractDecimal('0.01', '100')).toBe('-99.99');
  });

  it('multiplies', () => {
    expect(multiplyDecimal('3', '19.99')).toBe('59.97');
    expect(multiplyDecimal('1.005', '1000')).toBe('1005.000');
    expect(multiplyDecimal('12345678901234567890.5', '2')).toBe('24691357802469135781.0');
    expect(multiplyDecimal('-0.5', '0.5')).toBe('-0.25');
  });

  it('compares across scales', () => {
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('1.499999999999999999999', '1.5')).toBe(-1);
    expect(compareDecimal('-1', '-2')).toBe(1);
  });

  it('rounds half away from zero', () => {
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('2.344', 2)).toBe('2.34');
    expect(roundDecimal('2.3', 2)).toBe('2.30');
    expect(() => roundDecimal('1', -1)).toThrow(RangeError);
  });

  it('refuses non-decimals with a message that says what to do', () => {
    expect(() => addDecimal('1', 'string')).toThrow(
      /"string" is not a decimal number.*parseDecimal/,
    );
  });
});
