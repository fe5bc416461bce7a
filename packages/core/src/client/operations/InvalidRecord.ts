/** One way a record broke its schema. */
export interface RecordIssue {
  /** Where, inside the record: `'orderDate'`, `'lineItems.0.quantity'`; `''` for the record itself. */
  path: string;
  /** What is wrong, e.g. `must be a decimal string`. */
  message: string;
}

/**
 * A record that broke its schema: set aside, not dropped. `raw` is the record's JSON exactly as
 * received, so nothing the source system sent is lost.
 *
 * @example
 * const page = await client.purchaseOrders.list();
 * for (const bad of page.invalidRecords) console.warn(bad.index, bad.issues[0]?.path, bad.raw);
 */
export interface InvalidRecord {
  /** Position in the page's `data` array as sent (valid and invalid records counted). */
  index: number;
  /** The record's JSON exactly as received. */
  raw: unknown;
  /** Everything wrong with it. */
  issues: RecordIssue[];
}

/** What `onInvalidRecord` hooks receive: the record, and which call and response it came from. */
export interface InvalidRecordEvent {
  /** The record set aside. */
  record: InvalidRecord;
  /** The operation, e.g. `GET /api/erp/purchase-orders`. */
  operation: string;
  /** The HTTP method. */
  method: string;
  /** The path with its query, as in the request log. */
  path: string;
  /** The response's `x-request-id`. */
  requestId: string | undefined;
  /**
   * Set on the one event that stands for the records of a page set aside but not kept (past the
   * first 100 per page): how many. Its `record` has no `raw`, and its one issue says so.
   */
  droppedCount?: number | undefined;
}
