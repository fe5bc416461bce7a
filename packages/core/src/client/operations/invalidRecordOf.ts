import type { InvalidRecord } from './InvalidRecord.js';

/** Where a single record that broke its schema carries what was wrong. */
const MARK: unique symbol = Symbol.for('@makini-kit/core.invalidRecord');

/** Marks a raw record returned in place of a parsed one; the mark is not enumerable, so JSON is unchanged. */
export function markInvalid<Record extends object>(raw: Record, invalid: InvalidRecord): Record {
  Object.defineProperty(raw, MARK, { value: invalid, enumerable: false, configurable: true });
  return raw;
}

/**
 * Whether a record from `get`, `create`, `update` or `updateStatus` broke its schema. Without
 * `strict`, such a call does not throw: it returns the record's raw JSON as received, marked, and
 * this returns the mark (its issues say which fields are not what the type promises). A record
 * that parsed gives `undefined`. Records in `page.data` never carry a mark: a list sets bad ones
 * aside in `page.invalidRecords` instead.
 *
 * @example
 * const order = await client.purchaseOrders.get('PO-1');
 * const invalid = invalidRecordOf(order);
 * if (invalid) console.warn('order PO-1 is malformed at', invalid.issues.map((issue) => issue.path));
 */
export function invalidRecordOf(record: unknown): InvalidRecord | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  return (record as { [MARK]?: InvalidRecord })[MARK];
}
