import {
  addDecimal,
  formatDecimal,
  multiplyDecimal,
  type PurchaseOrder,
  type PurchaseOrderLineItem,
  roundDecimal,
  subtractDecimal,
} from '@makini-kit/core';
import {
  CITIES,
  CURRENCIES,
  MATERIALS,
  SHIPPING_METHODS,
  STATUSES,
  TERMS,
  UNIT_SCALE,
  VENDORS,
} from './catalog.js';
import type { PlatformDefinition } from './platforms.js';
import { Dice } from './random.js';
import { keyOf } from './seed/keys.js';
import type { Wire } from './Wire.js';

export type WireOrder = Wire<PurchaseOrder>;
export type WireLineItem = Wire<PurchaseOrderLineItem>;

const DAY_MS = 86_400_000;
/** Orders are spread from this date on, one every few hours, so the data never depends on "now". */
const EPOCH = Date.UTC(2024, 0, 1, 6);
/** About 10 MB of serialized orders at most, per connection. */
const JSON_CACHE_SIZE = 5_000;
const TAX_RATES = ['0.25', '0.19', '0.0825', '0.20', '0.21'];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Generates one connection's purchase orders from the seed, on demand: order `i` is a pure function
 * of (seed, connection, i), so 100,000 orders cost nothing until read and nothing is held in memory
 * but the per-order line counts (one byte each) used to page the line-items endpoint.
 */
export class PurchaseOrderGenerator {
  readonly count: number;
  private readonly lineOffsets: Uint32Array;
  /** Recently served orders as JSON text: generating one costs ~50 µs, a page of 100 ~5 ms. */
  private readonly jsonCache = new Map<number, string>();

  constructor(
    private readonly seed: number,
    private readonly connection: { key: string; index: number; currencyIndex: number },
    private readonly platform: PlatformDefinition,
    count: number,
  ) {
    this.count = count;
    this.lineOffsets = new Uint32Array(count + 1);
    for (let index = 0; index < count; index++) {
      const lines = this.lineCount(index);
      this.lineOffsets[index + 1] = (this.lineOffsets[index] ?? 0) + lines;
    }
  }

  /** Total line items across every order. */
  get lineItemCount(): number {
    return this.lineOffsets[this.count] ?? 0;
  }

  /**
   * `5`, the connection's index in two digits (more from the 101st connection on) and the order's
   * index in eleven: 14 digits for the first hundred connections, one more past them.
   */
  keyOf(index: number): string {
    return `${this.keyPrefix}${String(index).padStart(11, '0')}`;
  }

  private get keyPrefix(): string {
    return `5${String(this.connection.index).padStart(2, '0')}`;
  }

  /** The index of an order key of this connection, or -1. */
  indexOf(key: string): number {
    const prefix = this.keyPrefix;
    if (key.length !== prefix.length + 11 || !key.startsWith(prefix) || !/^\d+$/.test(key)) {
      return -1;
    }
    const index = Number(key.slice(prefix.length));
    return index < this.count ? index : -1;
  }

  private lineCount(index: number): number {
    return new Dice(this.seed, 'lines', this.connection.key, index).int(1, 5);
  }

  /** The overall position of order `index`'s first line item. */
  firstLineOf(index: number): number {
    return this.lineOffsets[index] ?? 0;
  }

  /** Finds the order and line of the `n`th line item overall (binary search on the offsets). */
  locateLineItem(position: number): { order: number; line: number } | undefined {
    if (position < 0 || position >= this.lineItemCount) return undefined;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.lineOffsets[middle] ?? 0) <= position) low = middle;
      else high = middle - 1;
    }
    return { order: low, line: position - (this.lineOffsets[low] ?? 0) };
  }

  /** Cheap header fields for filtering and sorting without building line items. */
  updatedAtOf(index: number): string {
    return iso(EPOCH + index * 3 * 3_600_000 + 5 * 60_000);
  }

  /** Order `index` serialized, from a bounded least-recently-used cache. */
  orderJson(index: number): string {
    let text = this.jsonCache.get(index);
    if (text === undefined) {
      text = JSON.stringify(this.order(index));
      if (this.jsonCache.size >= JSON_CACHE_SIZE)
        this.jsonCache.delete(this.jsonCache.keys().next().value as number);
    } else {
      this.jsonCache.delete(index);
    }
    this.jsonCache.set(index, text);
    return text;
  }

  order(index: number): WireOrder {
    const dice = new Dice(this.seed, 'order', this.connection.key, index);
    const key = this.keyOf(index);
    const orderedAt = EPOCH + index * 3 * 3_600_000;
    const currency =
      CURRENCIES[
        dice.chance(0.85) ? this.connection.currencyIndex : dice.int(0, CURRENCIES.length - 1)
      ];
    const taxRate = TAX_RATES[this.connection.currencyIndex % TAX_RATES.length] ?? '0';
    const lines = this.lineItems(index, key, currency?.key ?? '', taxRate);
    const net = addDecimal('0.00', ...lines.map((line) => line.lineTotalValue ?? '0'));
    const tax = addDecimal('0.00', ...lines.map((line) => line.lineTaxValue ?? '0'));
    const status =
      STATUSES[Math.min(STATUSES.length - 1, Math.floor(dice.next() * STATUSES.length))];
    const [country, city, postCode, state] = dice.pick(CITIES);
    const address = (addressee: string) => ({
      addressee,
      addressLines: `${dice.int(1, 240)} Industrivej`,
      city,
      postCode,
      state,
      country,
      phone: `+45 ${dice.int(20, 99)} ${dice.int(10, 99)} ${dice.int(10, 99)} ${dice.int(10, 99)}`,
      email: `receiving@${this.connection.key}.example`,
      isActive: true,
    });
    const full: Record<string, unknown> = {
      key,
      orderNo: `${4_500_000_000 + index}`,
      orderDate: iso(orderedAt),
      vendorKey: dice.pick(VENDORS).key,
      statusKey: status?.key,
      title: `Replenishment ${dice.pick(['maintenance', 'production', 'safety', 'tooling'])} stock`,
      description: `Standard purchase order ${index + 1}`,
      dueAt: iso(orderedAt + dice.int(7, 45) * DAY_MS),
      approvedAt: iso(orderedAt + dice.int(1, 48) * 3_600_000),
      completedAt: status?.name === 'Closed' ? iso(orderedAt + 60 * DAY_MS) : null,
      shippingMethod: dice.pick(SHIPPING_METHODS),
      shipmentDate: iso(orderedAt + dice.int(3, 20) * DAY_MS),
      shipmentAddress: address('Goods receiving, dock 2'),
      billingAddress: address('Accounts payable'),
      deliveryAddress: address('Central warehouse'),
      terms: dice.pick(TERMS),
      notes: dice.chance(0.3) ? 'Deliver between 07:00 and 15:00.' : null,
      currencyKey: currency?.key,
      siteKey: keyOf('sites', this.connection.index % 4),
      organizationKey: keyOf('organizations', this.connection.index % 3),
      locationKey: keyOf('locations', dice.int(0, 3)),
      totalNetValue: net,
      totalGrossValue: addDecimal(net, tax),
      updatedAt: this.updatedAtOf(index),
      lineItems: lines,
    };
    const order: Record<string, unknown> = { key };
    for (const field of Object.keys(this.platform.orderFields)) {
      if (field in full) order[field] = full[field];
    }
    for (const custom of this.platform.customFields) {
      order[custom.name] =
        custom.type === 'integer'
          ? dice.int(1, 5)
          : `${custom.name.slice(0, 3)}-${dice.int(1000, 9999)}`;
    }
    return order as WireOrder;
  }

  lineItem(orderIndex: number, line: number): WireLineItem | undefined {
    const order = this.order(orderIndex);
    return order.lineItems?.[line] as WireLineItem | undefined;
  }

  private lineItems(index: number, orderKey: string, currencyKey: string, taxRate: string) {
    const count = this.lineCount(index);
    const items: WireLineItem[] = [];
    for (let line = 0; line < count; line++) {
      const dice = new Dice(this.seed, 'line', this.connection.key, index, line);
      const material = dice.int(0, MATERIALS.length - 1);
      const [code, name, uomKey, minCents, maxCents] = MATERIALS[material] ?? ['', '', '', 0, 0];
      const scale = UNIT_SCALE[uomKey] ?? 0;
      const quantity = formatDecimal({
        units: BigInt(dice.int(1, 400) * 10 ** scale + dice.int(0, 10 ** scale - 1)),
        scale,
      });
      const price = formatDecimal({ units: BigInt(dice.int(minCents, maxCents)), scale: 2 });
      const gross = multiplyDecimal(quantity, price);
      const discount = dice.chance(0.2) ? roundDecimal(multiplyDecimal(gross, '0.05'), 2) : '0.00';
      const lineTotal = roundDecimal(subtractDecimal(gross, discount), 2);
      const full: Record<string, unknown> = {
        key: `${orderKey}${String(line + 1).padStart(3, '0')}`,
        lineNo: String((line + 1) * 10),
        code,
        name,
        description: name,
        // References resolve: the materials and products collections start with these materials.
        materialKey: keyOf('materials', material),
        productKey: keyOf('products', material),
        assetKey: dice.chance(0.3) ? `11${String(dice.int(1, 999)).padStart(12, '0')}` : null,
        accountKey: keyOf('accounts', dice.int(0, 15)),
        storeroomKey: keyOf('storerooms', dice.int(0, 7)),
        locationKey: keyOf('locations', dice.int(0, 3)),
        quantity,
        receivedQuantity: dice.chance(0.5) ? quantity : formatDecimal({ units: 0n, scale }),
        uomKey,
        price,
        discount,
        lineTaxValue: roundDecimal(multiplyDecimal(lineTotal, taxRate), 2),
        lineTotalValue: lineTotal,
        currencyKey,
        deliveryAt: this.updatedAtOf(index),
        dueAt: this.updatedAtOf(index),
      };
      const item: Record<string, unknown> = { key: full.key };
      for (const field of Object.keys(this.platform.lineFields)) {
        if (field in full) item[field] = full[field];
      }
      items.push(item as WireLineItem);
    }
    return items;
  }
}
