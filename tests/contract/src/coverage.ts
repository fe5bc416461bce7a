import type { OperationDescriptor } from '@makini-kit/core';
import type { Exchange } from './recordingFetch.js';
import { resolveMethod } from './resolveMethod.js';
import type { Violation } from './Violation.js';

/** The three counts of the coverage line. */
export interface Coverage {
  /** `OPERATIONS` ids that resolve to a method on the client. */
  readonly typed: number;
  /** Operations answered 2xx on at least one platform. */
  readonly served: number;
  /** Operations called on every platform whose every request and response passed ajv. */
  readonly validated: number;
  /** Operations not served, and operations not validated, by id. */
  readonly unserved: readonly string[];
  readonly unvalidated: readonly string[];
}

/**
 * Counts typed / served / validated over a run's exchanges and violations.
 *
 * @example
 * const { typed, served, validated } = coverageOf(OPERATIONS, client, exchanges, violations, platforms);
 */
export function coverageOf(
  operations: readonly OperationDescriptor[],
  client: object,
  exchanges: readonly Exchange[],
  violations: readonly Violation[],
  platforms: readonly string[],
  failed: ReadonlySet<string>,
): Coverage {
  const typed = operations.filter((operation) => resolveMethod(client, operation.id)).length;
  const unserved: string[] = [];
  const unvalidated: string[] = [];
  for (const { id } of operations) {
    const own = exchanges.filter((exchange) => exchange.operation === id);
    if (!own.some((exchange) => exchange.status >= 200 && exchange.status < 300)) unserved.push(id);
    const everywhere = platforms.every((platform) => own.some((e) => e.platform === platform));
    if (!everywhere || failed.has(id) || violations.some((violation) => violation.operation === id))
      unvalidated.push(id);
  }
  return {
    typed,
    served: operations.length - unserved.length,
    validated: operations.length - unvalidated.length,
    unserved,
    unvalidated,
  };
}
