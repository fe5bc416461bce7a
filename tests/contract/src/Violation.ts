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

/**
 * Violations grouped by operation, platform, location, pointer (array indices as `*`) and
 * message, each line with the first value and how many times it occurred: one line per defect.
 *
 * @example
 * summarizeViolations(violations); // ["materials.list [SAP] response body /data/*\/inventory/quantity = 63: must be string,null (×30)"]
 */
export function summarizeViolations(violations: readonly Violation[]): string[] {
  const groups = new Map<string, { first: Violation; count: number }>();
  for (const violation of violations) {
    const pointer = violation.pointer.replace(/\/\d+(?=\/|$)/g, '/*');
    const key = `${violation.operation}|${violation.platform}|${violation.location}|${pointer}|${violation.message}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: { ...violation, pointer }, count: 1 });
  }
  return [...groups.values()].map(
    ({ first, count }) => `${formatViolation(first)}${count > 1 ? ` (×${count})` : ''}`,
  );
}
