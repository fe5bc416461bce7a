import { OPERATIONS } from '../../generated/operations.js';
import type { OperationPath } from './pathKey.js';

let keyFree: ReadonlySet<string> | undefined;

/**
 * The route template of a path, for spans: a template as given, or a built path that is itself a
 * route without parameters (`/api/erp/purchase-orders`). Any other built path may hold a key, so
 * it has no template and a span names the method only.
 */
export function templateOf(path: OperationPath): string | undefined {
  if (typeof path !== 'string') return path.template;
  keyFree ??= new Set(
    OPERATIONS.filter((operation) => operation.pathParams.length === 0).map(
      (operation) => operation.path,
    ),
  );
  return keyFree.has(path) ? path : undefined;
}
