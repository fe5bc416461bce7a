import {
  addDecimal,
  formatDecimal,
  multiplyDecimal,
  roundDecimal,
  subtractDecimal,
} from '@makini-kit/core';
import type { Dice } from '../random.js';

type Line = Record<string, unknown>;

/**
 * Makes a document's lines and totals add up, the way the purchase orders always have:
 * line total = quantity × price − discount (net, as SAP's NETWR), line tax on top;
 * net = Σ line totals, tax = Σ line taxes, gross = net + tax.
 */
export function settleAmounts(
  record: Record<string, unknown>,
  lines: Line[],
  dice: Dice,
  taxRate: string,
) {
  for (const line of lines) {
    const quantity = formatDecimal({ units: BigInt(dice.int(1, 250)), scale: 0 });
    const price = formatDecimal({ units: BigInt(dice.int(250, 45_000)), scale: 2 });
    const gross = multiplyDecimal(quantity, price);
    const discount = dice.chance(0.2) ? roundDecimal(multiplyDecimal(gross, '0.05'), 2) : '0.00';
    const total = roundDecimal(subtractDecimal(gross, discount), 2);
    if ('quantity' in line) line.quantity = quantity;
    if ('receivedQuantity' in line) line.receivedQuantity = dice.chance(0.5) ? quantity : '0';
    if ('price' in line) line.price = price;
    if ('discount' in line) line.discount = discount;
    if ('lineTotalValue' in line) line.lineTotalValue = total;
    if ('lineTaxValue' in line)
      line.lineTaxValue = roundDecimal(multiplyDecimal(total, taxRate), 2);
    if ('cost' in line) line.cost = total;
  }
  totalsFromLines(record, lines);
}

/** Sets `totalNetValue`, `totalTaxValue` and `totalGrossValue` from the lines, where present. */
export function totalsFromLines(record: Record<string, unknown>, lines: Line[]) {
  const sum = (field: string) =>
    addDecimal('0.00', ...lines.map((line) => String(line[field] ?? '0')));
  const net = sum('lineTotalValue');
  const tax = sum('lineTaxValue');
  if ('totalNetValue' in record) record.totalNetValue = net;
  if ('totalTaxValue' in record) record.totalTaxValue = tax;
  if ('totalGrossValue' in record) record.totalGrossValue = addDecimal(net, tax);
}
