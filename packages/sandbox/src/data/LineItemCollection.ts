import type { Collection, SandboxRecord } from './Collection.js';
import type { OrderCollection } from './OrderCollection.js';

/**
 * `/purchase-orders.line-items`: every order's lines as the spec's `LineItem` (which adds `cost`).
 * The spec gives no field that leads from a line to its order; only the order's embedded
 * `lineItems` relate them, so none is invented here.
 */
export class LineItemCollection implements Collection {
  readonly indexOrdered = new Set(['key']);
  readonly written = false;
  private materialized: { lines: SandboxRecord[]; keys: Map<string, number> } | undefined;

  constructor(private readonly orders: OrderCollection) {}

  /** After an order is written, lines are listed from the orders as they are now. */
  invalidate() {
    this.materialized = undefined;
  }

  private all() {
    if (!this.materialized) {
      const lines: SandboxRecord[] = [];
      for (let index = 0; index < this.orders.size; index++) {
        const order = this.orders.record(index);
        // Writes are validated, but a state file may hold anything: a line that is not an object
        // is no line item.
        const embedded = Array.isArray(order?.lineItems) ? (order.lineItems as unknown[]) : [];
        for (const line of embedded) if (isRecord(line)) lines.push(toLineItem(line, order ?? {}));
      }
      this.materialized = { lines, keys: new Map(lines.map((line, at) => [String(line.key), at])) };
    }
    return this.materialized;
  }

  get size() {
    return this.orders.written ? this.all().lines.length : this.orders.generator.lineItemCount;
  }

  record(index: number): SandboxRecord | undefined {
    if (this.orders.written) return this.all().lines[index];
    const position = this.orders.generator.locateLineItem(index);
    if (!position) return undefined;
    const order = this.orders.generator.order(position.order) as SandboxRecord;
    const line = (order.lineItems as SandboxRecord[] | undefined)?.[position.line];
    return line && toLineItem(line, order);
  }

  json(index: number) {
    return JSON.stringify(this.record(index) ?? null);
  }

  indexOf(key: string): number {
    if (this.orders.written) return this.all().keys.get(key) ?? -1;
    // Line keys are the order key and a three-digit line number.
    const order = this.orders.indexOf(key.slice(0, -3));
    if (order < 0) return -1;
    const lines = (this.orders.record(order)?.lineItems as SandboxRecord[] | undefined) ?? [];
    const line = lines.findIndex((entry) => entry.key === key);
    if (line < 0) return -1;
    return this.orders.generator.firstLineOf(order) + line;
  }

  put(): number {
    throw new Error('Line items are written through their purchase order.');
  }
}

const isRecord = (value: unknown): value is SandboxRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toLineItem(line: SandboxRecord, order: SandboxRecord): SandboxRecord {
  return { ...line, vendorKey: order.vendorKey ?? null, cost: line.lineTotalValue ?? null };
}
