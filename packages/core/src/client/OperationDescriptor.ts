/**
 * One Makini operation, as the generated `OPERATIONS` table lists it: how the client calls it, how
 * the sandbox serves it and how the contract test checks it.
 *
 * @example
 * const list = OPERATIONS.find((operation) => operation.id === 'purchaseOrders.list');
 * list?.path; // '/api/erp/purchase-orders'
 */
export interface OperationDescriptor {
  /** The operationId = the client method path, e.g. 'purchaseOrders.lineItems.list'. */
  readonly id: string;
  /** The HTTP method. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The spec's path template, e.g. '/api/erp/purchase-orders/{key}'. */
  readonly path: string;
  /** Which of Makini's specs defines it. */
  readonly spec: 'system' | 'erp';
  /**
   * 'page': {data: [], links, meta}; 'list': {data: []}, every record at once (raw tables);
   * 'item': {data: {...}}; 'object': anything else.
   */
  readonly response: 'page' | 'list' | 'item' | 'object';
  /** Name in SCHEMAS of the record in `data` (page items or the item), if any. */
  readonly schema?: string;
  /** Name in SCHEMAS of the request body, if any. */
  readonly body?: string;
  /** Path parameter names in order, e.g. ['key']. */
  readonly pathParams: readonly string[];
  /** Whether list query params (page, per_page, filter, sort, filterMatch) apply. */
  readonly paged: boolean;
  /**
   * The spec resource segment this operation reads or writes, e.g. 'purchase-orders',
   * 'purchase-orders.line-items', 'statuses/purchase-orders'; undefined for system/raw/passthrough.
   */
  readonly resource?: string;
}
