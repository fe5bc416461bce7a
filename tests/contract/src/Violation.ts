/** Where in an exchange a violation sits. */
export type ViolationLocation =
  | 'path'
  | 'query'
  | 'request body'
  | 'response status'
  | 'response body';

/** One way a request or response breaks the spec plus overlay. */
export interface Violation {
  /** The operationId, e.g. `purchaseOrders.list`. */
  readonly operation: string;
  /** The sandbox platform the exchange ran on, when there is one. */
  readonly platform?: string | undefined;
  readonly location: ViolationLocation;
  /** A JSON pointer into the location (`/data/0/orderDate`, `/filter/orderNo:between`). */
  readonly pointer: string;
  /** The offending value as sent or received (`undefined` for a missing one). */
  readonly value: unknown;
  /** What the spec wanted, in ajv's words or ours. */
  readonly message: string;
}

/**
 * One line per violation: operation, platform, location, pointer, value and what was expected.
 *
 * @example
 * formatViolation(v); // "purchaseOrders.list [SAP] response body /data/0/orderDate = {} : must be string"
 */
export function formatViolation(violation: Violation): string {
  const value =
    violation.value === undefined ? '(missing)' : JSON.stringify(violation.value)?.slice(0, 200);
  const platform = violation.platform === undefined ? '' : ` [${violation.platform}]`;
  return `${violation.operation}${platform} ${violation.location} ${violation.pointer || '/'} = ${value}: ${violation.message}`;
}
