import { ArrayCollection, type Collection, type SandboxRecord } from './Collection.js';
import { type IdempotencyLimits, IdempotencyStore } from './IdempotencyStore.js';
import { LineItemCollection } from './LineItemCollection.js';
import { OrderCollection } from './OrderCollection.js';
import type { PurchaseOrderGenerator } from './PurchaseOrderGenerator.js';
import { RawTableCollection } from './RawTableCollection.js';
import type { RawTable } from './rawTables.js';
import { countOf } from './seed/counts.js';
import { type SeedContext, seedRecord } from './seed/RecordFactory.js';

/** Writes kept for the state file: resource → key → record. */
export type SavedRecords = Record<string, Record<string, SandboxRecord>>;

/**
 * One connection's records of every resource. Collections are seeded on first use (starting a
 * sandbox seeds nothing); `version` grows with every write so cached pages know they are stale.
 */
export class ConnectionData {
  private readonly collections = new Map<string, Collection>();
  readonly orders: OrderCollection;
  private readonly lines: LineItemCollection;
  private readonly context: SeedContext;
  /** Bumped by every write. */
  version = 0;
  /** Written records, for the state file. */
  readonly writes: SavedRecords = {};
  /** First replies by `Idempotency-Key`, with the request's fingerprint; expiring and bounded. */
  readonly idempotency: IdempotencyStore;
  /** Serialized pages by request, valid for one `version`. */
  readonly pages = new Map<string, { version: number; text: string }>();

  constructor(
    seed: number,
    connectionKey: string,
    provider: string,
    generator: PurchaseOrderGenerator,
    idempotency: IdempotencyLimits = {},
  ) {
    this.idempotency = new IdempotencyStore(idempotency);
    this.orders = new OrderCollection(generator);
    this.lines = new LineItemCollection(this.orders);
    this.collections.set('purchase-orders', this.orders);
    this.collections.set('purchase-orders.line-items', this.lines);
    this.context = {
      seed,
      connectionKey,
      provider,
      orders: generator.count,
      order: (index) => this.orders.record(index) ?? {},
      orderKey: (index) => generator.keyOf(index),
    };
  }

  collection(segment: string): Collection {
    let collection = this.collections.get(segment);
    if (!collection) {
      const count = countOf(segment, this.context.orders);
      collection = new ArrayCollection(
        Array.from({ length: count }, (_, index) => seedRecord(this.context, segment, index)),
      );
      this.collections.set(segment, collection);
    }
    return collection;
  }

  /** A platform's raw table, over the collection its rows come from (see `RawTableCollection`). */
  rawTable(table: RawTable): Collection {
    const name = `raw/${table.name}`;
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new RawTableCollection(this.collection(table.source), table);
      this.collections.set(name, collection);
    }
    return collection;
  }

  /** Stores a record (replacing the one with its key), bumps the version, remembers the write. */
  write(segment: string, record: SandboxRecord): { index: number; inserted: boolean } {
    const collection = this.collection(segment);
    const existing = collection.indexOf(String(record.key));
    const index = collection.put(record, existing >= 0 ? existing : undefined);
    if (segment === 'purchase-orders') this.lines.invalidate();
    this.version++;
    this.pages.clear();
    const saved = this.writes[segment] ?? {};
    saved[String(record.key)] = record;
    this.writes[segment] = saved;
    return { index, inserted: existing < 0 };
  }

  /** Replays saved writes (from the state file). */
  restore(saved: SavedRecords) {
    for (const [segment, records] of Object.entries(saved))
      for (const record of Object.values(records)) this.write(segment, record);
  }
}
