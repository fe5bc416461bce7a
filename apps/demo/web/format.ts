import { formatDecimal, isDecimalString } from '@makini-kit/core';

/** Groups the whole part of an exact decimal string for reading; the digits stay as sent. */
export const grouped = (value: string | null | undefined): string | undefined => {
  if (!isDecimalString(value)) return undefined;
  const [whole = '0', fraction] = formatDecimal(value).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace(/^-/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`;
};

/** Money stays the exact decimal string Makini sent; only grouping and the currency are added. */
export const money = (value: string | null | undefined, currency: string | undefined) => {
  const text = grouped(value);
  return text === undefined ? '—' : `${text} ${currency ?? ''}`.trim();
};

/** A quantity, exact, grouped; `—` when the source sent none (or no number). */
export const quantity = (value: string | null | undefined) => grouped(value) ?? '—';

/** The calendar day of a timestamp as sent; the time of day is not shown. */
export const day = (value: string | null | undefined) => (value ? value.slice(0, 10) : '—');
