import type { Collection, SandboxRecord } from './Collection.js';
import type { RawTable } from './rawTables.js';

/**
 * A platform's raw table as a collection: row `i` is record `i` of its source collection in the
 * table's columns. Rows are stored where the source is (seeded deterministically, written records
 * and the state file included), so a raw table always shows what the ERP resource holds, as a
 * source system's own table would; nothing is derived from the request.
 */
export class RawTableCollection implements Collection {
  readonly indexOrdered: ReadonlySet<string> = new Set();
  private readonly columns: Array<[string, string]>;

  constructor(
    private readonly source: Collection,
    table: RawTable,
  ) {
    this.columns = Object.entries(table.columns);
  }

  get size() {
    return this.source.size;
  }

  get written() {
    return this.source.written;
  }

  record(index: number): SandboxRecord | undefined {
    const record = this.source.record(index);
    if (!record) return undefined;
    const row: SandboxRecord = {};
    for (const [column, field] of this.columns) row[column] = record[field] ?? null;
    return row;
  }

  json(index: number) {
    return JSON.stringify(this.record(index) ?? null);
  }

  indexOf(): number {
    return -1;
  }

  put(): number {
    throw new Error('Raw tables are written through their ERP resource.');
  }
}
