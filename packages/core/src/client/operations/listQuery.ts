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

/** A count the server pages by: a whole number of 1 or more. */
function positiveInteger(call: ListCall | undefined, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  const got =
    typeof value === 'number' ? String(value) : `${typeof value} ${JSON.stringify(value)}`;
  throw invalid(
    call,
    argument,
    `${argument} must be a whole number of 1 or more, got ${got}.${argument === 'page' ? ' Pages count from 1.' : ''}`,
  );
}

/**
 * A field name sent inside `filter[…]` or `sort[…]`. `:` would start an operator (a name
 * `totalNetValue:lt` turns equality into "less than") and brackets would nest the parameter, so
 * both are refused, as is an empty name (`filter[]`).
 */
function checkField(call: ListCall | undefined, argument: string, field: string) {
  const bad = field === '' ? 'is empty' : [':', '[', ']'].find((char) => field.includes(char));
  if (bad === undefined) return;
  throw invalid(
    call,
    `${argument}.${field}`,
    `${argument} has a field name that ${bad === 'is empty' ? bad : `holds "${bad}"`} (${JSON.stringify(field)}). Give the field's plain name and put an operator in the condition: { ${argument === 'sort' ? "field: 'asc'" : "field: { lt: '1' }"} }; a name may not be empty or hold ":", "[" or "]".`,
  );
}

function appendCondition(
  call: ListCall | undefined,
  query: URLSearchParams,
  field: string,
  condition: FilterCondition | undefined,
  argument: string,
) {
  if (condition === undefined) return;
  checkField(call, argument, field);
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
  if (params.page !== undefined) positiveInteger(call, 'page', params.page);
  if (params.perPage !== undefined)
    query.set('per_page', String(positiveInteger(call, 'perPage', params.perPage)));
  for (const [argument, source] of [
    ['filter', params.filter],
    ['customFilter', params.customFilter],
  ] as const) {
    for (const [field, condition] of Object.entries(source ?? {}))
      appendCondition(call, query, field, condition as FilterCondition | undefined, argument);
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
    checkField(call, 'sort', field);
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
