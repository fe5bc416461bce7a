import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { FilterCondition, FilterOperator, ListParams } from './ListParams.js';

/** The call a list query is built for, named in its errors (`GET /api/erp/stocks`). */
export interface ListCall {
  method: string;
  path: string;
}

function invalid(call: ListCall | undefined, argument: string, problem: string) {
  const where = call ? `${call.method} ${call.path}: ` : '';
  return new InvalidArgumentError(`${where}${problem}`, { ...call, argument });
}

/** What each operator is sent as: `lteq` as the spec's `lted` (see `FilterOperator`). */
const WIRE_OPERATOR: Readonly<Record<FilterOperator, string>> = {
  contains: 'contains',
  startsWith: 'startsWith',
  gt: 'gt',
  gteq: 'gteq',
  lt: 'lt',
  lteq: 'lted',
  lted: 'lted',
};

function wireValue(call: ListCall | undefined, argument: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalid(
    call,
    argument,
    `${argument} must be a string, a finite number or a boolean, got ${value === null ? 'null' : typeof value}.`,
  );
}

function appendCondition(
  call: ListCall | undefined,
  query: URLSearchParams,
  field: string,
  condition: FilterCondition | undefined,
) {
  if (condition === undefined) return;
  if (typeof condition !== 'object' || condition === null) {
    query.append(`filter[${field}]`, wireValue(call, `filter.${field}`, condition));
    return;
  }
  if ('lteq' in condition && 'lted' in condition) {
    throw invalid(
      call,
      `filter.${field}`,
      `filter.${field} gives both lteq and lted, which mean the same ("less than or equal"): give one.`,
    );
  }
  for (const [operator, value] of Object.entries(condition)) {
    const wire = WIRE_OPERATOR[operator as FilterOperator];
    if (!Object.hasOwn(WIRE_OPERATOR, operator) || wire === undefined) {
      throw invalid(
        call,
        `filter.${field}`,
        `filter.${field} has the operator "${operator}", which Makini does not know: use one of ${Object.keys(WIRE_OPERATOR).join(', ')}, or a plain value for equality.`,
      );
    }
    if (value !== undefined)
      query.append(
        `filter[${field}:${wire}]`,
        wireValue(call, `filter.${field}.${operator}`, value),
      );
  }
}

/**
 * The query of a list call without its page: `per_page`, `filter[field]`, `filter[field:op]`,
 * `filterMatch` and `sort[field]` (`1` descending, `0` ascending, as Makini's spec says). Bad
 * input (an unknown operator, an object as a value) is an `InvalidArgumentError` naming it,
 * rather than a query sent for the server to misread.
 */
export function listQuery(params: ListParams, call?: ListCall): URLSearchParams {
  const query = new URLSearchParams();
  if (params.perPage !== undefined)
    query.set('per_page', wireValue(call, 'perPage', params.perPage));
  for (const source of [params.filter, params.customFilter]) {
    for (const [field, condition] of Object.entries(source ?? {}))
      appendCondition(call, query, field, condition as FilterCondition | undefined);
  }
  if (params.filterMatch !== undefined) {
    if (params.filterMatch !== 'all' && params.filterMatch !== 'any') {
      throw invalid(
        call,
        'filterMatch',
        `filterMatch must be 'all' or 'any', got ${String(params.filterMatch)}.`,
      );
    }
    query.set('filterMatch', params.filterMatch);
  }
  for (const [field, direction] of Object.entries(params.sort ?? {})) {
    if (direction === undefined) continue;
    if (direction !== 'asc' && direction !== 'desc') {
      throw invalid(
        call,
        `sort.${field}`,
        `sort.${field} must be 'asc' or 'desc', got ${String(direction)} (Makini's sort[${field}]=1 is 'desc', 0 is 'asc').`,
      );
    }
    query.append(`sort[${field}]`, direction === 'desc' ? '1' : '0');
  }
  return query;
}

/** The query of one page: the list's query with `page` first. */
export function pageQuery(base: URLSearchParams, page: number): URLSearchParams {
  const query = new URLSearchParams({ page: String(page) });
  for (const [name, value] of base) query.append(name, value);
  return query;
}
