/** A record as the sandbox holds and serves it. */
export type SandboxRecord = Record<string, unknown>;

/**
 * One connection's records of one resource, in key order. Reads are by index so a page is a slice;
 * `json(i)` is the record's serialized text, kept so a page is assembled without `JSON.stringify`.
 */
export interface Collection {
  readonly size: number;
  record(index: number): SandboxRecord | undefined;
  json(index: number): string;
  /** The index of a key, or -1. */
  indexOf(key: string): number;
  /** Replaces record `index`, or appends when `index` is undefined; returns its index. */
  put(record: SandboxRecord, index?: number): number;
  /** Fields sorting by which keeps index order (no scan needed), when nothing was written. */
  readonly indexOrdered: ReadonlySet<string>;
  /** True once a write changed the collection. */
  readonly written: boolean;
}

/** A collection held as an array, seeded in full on first use. */
export class ArrayCollection implements Collection {
  private readonly texts: Array<string | undefined>;
  private readonly keys = new Map<string, number>();
  readonly indexOrdered = new Set(['key']);
  written = false;

  constructor(private readonly records: SandboxRecord[]) {
    this.texts = new Array(records.length);
    records.forEach((record, index) => {
      this.keys.set(String(record.key), index);
    });
  }

  get size() {
    return this.records.length;
  }

  record(index: number) {
    return this.records[index];
  }

  json(index: number): string {
    let text = this.texts[index];
    if (text === undefined) {
      text = JSON.stringify(this.records[index] ?? null);
      this.texts[index] = text;
    }
    return text;
  }

  indexOf(key: string) {
    return this.keys.get(key) ?? -1;
  }

  put(record: SandboxRecord, index?: number): number {
    const at = index ?? this.records.length;
    this.records[at] = record;
    this.texts[at] = undefined;
    this.keys.set(String(record.key), at);
    this.written = true;
    return at;
  }
}
