import type { Collection, SandboxRecord } from './Collection.js';
import type { PurchaseOrderGenerator } from './PurchaseOrderGenerator.js';

/**
 * Purchase orders: generated on demand (up to 100,000 per connection cost nothing until read),
 * with written orders kept beside the generator.
 */
export class OrderCollection implements Collection {
  private readonly changed = new Map<number, { record: SandboxRecord; text: string }>();
  private readonly added: SandboxRecord[] = [];
  private readonly addedKeys = new Map<string, number>();
  /** Orders are generated in `key`, `orderDate` and `updatedAt` order: those sorts need no scan. */
  readonly indexOrdered = new Set(['key', 'orderDate', 'updatedAt', 'orderNo']);

  constructor(readonly generator: PurchaseOrderGenerator) {}

  get written() {
    return this.changed.size > 0 || this.added.length > 0;
  }

  get size() {
    return this.generator.count + this.added.length;
  }

  record(index: number): SandboxRecord | undefined {
    if (index >= this.generator.count) return this.added[index - this.generator.count];
    if (index < 0) return undefined;
    return this.changed.get(index)?.record ?? (this.generator.order(index) as SandboxRecord);
  }

  json(index: number): string {
    if (index >= this.generator.count) return JSON.stringify(this.record(index) ?? null);
    return this.changed.get(index)?.text ?? this.generator.orderJson(index);
  }

  indexOf(key: string): number {
    const generated = this.generator.indexOf(key);
    return generated >= 0 ? generated : (this.addedKeys.get(key) ?? -1);
  }

  put(record: SandboxRecord, index?: number): number {
    if (index !== undefined && index < this.generator.count) {
      this.changed.set(index, { record, text: JSON.stringify(record) });
      return index;
    }
    const at = index ?? this.size;
    this.added[at - this.generator.count] = record;
    this.addedKeys.set(String(record.key), at);
    return at;
  }
}
