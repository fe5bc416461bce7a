import { parseFlag } from '@makini-kit/core';
import { ApiError } from './ApiError.js';

const OPERATORS = ['eq', 'contains', 'startsWith', 'gt', 'gteq', 'lt', 'lteq'] as const;
type Operator = (typeof OPERATORS)[number];

export interface Filter {
  field: string;
  operator: Operator;
  value: string;
}

export interface ListQuery {
  page: number;
  perPage: number;
  filters: Filter[];
  match: 'all' | 'any';
  sort: Array<{ field: string; descending: boolean }>;
  /** What each field holds (`decimal`, `date`, `boolean`, `text`, …), for comparisons. */
  kinds: Readonly<Record<string, string>>;
}

export const MAX_PER_PAGE = 1000;
const DEFAULT_PER_PAGE = 50;

function positiveInteger(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
) {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? `must be a whole number, 1 or more (the first ${name} is 1)`
        : `must be a whole number from 1 to ${max}`;
    throw ApiError.invalid(name, `${range}; got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/** Kinds of field that hold no single value to compare a filter with. */
const NOT_FILTERABLE: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'a list of objects',
};

/**
 * Reads Makini's list parameters: `page`, `per_page`, `filter[field]` / `filter[field:op]`
 * (ops `contains`, `startsWith`, `gt`, `gteq`, `lt`, `lteq`; Makini's docs also spell it `lted`),
 * `filterMatch=all|any` and `sort[field]=0|1` (1 = descending). Unknown fields answer 400.
 */
export function parseListQuery(
  query: URLSearchParams,
  fields: {
    filterable: readonly string[];
    sortable: readonly string[];
    /** Field kinds from the generated schemas; without one a field compares as it looks. */
    kinds?: Readonly<Record<string, string>>;
  },
): ListQuery {
  const filters: Filter[] = [];
  const sort: ListQuery['sort'] = [];
  const kinds = fields.kinds ?? {};
  const filterable = fields.filterable.filter((field) => !NOT_FILTERABLE[kinds[field] ?? '']);
  for (const [name, value] of query) {
    const filter = /^filter\[([^\]:]+)(?::([^\]]+))?\]$/.exec(name);
    if (filter) {
      const [, field = '', rawOperator = 'eq'] = filter;
      const operator = rawOperator === 'lted' ? 'lteq' : rawOperator;
      if (!filterable.includes(field)) {
        const holds = fields.filterable.includes(field) && NOT_FILTERABLE[kinds[field] ?? ''];
        throw ApiError.invalid(
          name,
          holds
            ? `cannot filter by ${field}: it holds ${holds}, not a value; filterable fields: ${filterable.join(', ')}`
            : `filters an unknown field; filterable fields: ${filterable.join(', ')}`,
        );
      }
      if (!OPERATORS.includes(operator as Operator)) {
        throw ApiError.invalid(
          name,
          `uses an unknown operator; use one of ${OPERATORS.slice(1).join(', ')}`,
        );
      }
      filters.push({ field, operator: operator as Operator, value });
      continue;
    }
    const sorted = /^sort\[([^\]]+)\]$/.exec(name);
    if (sorted) {
      const field = sorted[1] ?? '';
      if (!fields.sortable.includes(field)) {
        throw ApiError.invalid(
          name,
          `sorts by an unknown field; sortable fields: ${fields.sortable.join(', ')}`,
        );
      }
      if (value !== '0' && value !== '1')
        throw ApiError.invalid(name, 'must be 0 (ascending) or 1 (descending)');
      sort.push({ field, descending: value === '1' });
      continue;
    }
    if (name !== 'filterMatch' && (name.startsWith('filter') || name.startsWith('sort'))) {
      throw ApiError.invalid(
        name,
        'is malformed; write filter[field]=value, filter[field:op]=value or sort[field]=0|1',
      );
    }
  }
  const match = query.get('filterMatch') ?? 'all';
  if (match !== 'all' && match !== 'any')
    throw ApiError.invalid('filterMatch', 'must be "all" or "any"');
  return {
    page: positiveInteger(query, 'page', 1),
    perPage: positiveInteger(query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE),
    filters,
    match,
    sort,
    kinds,
  };
}

/**
 * Compares a field's value with a filter value (or another record's) by what the field holds:
 * decimals and integers as numbers, date-times as instants, everything else as text (an order
 * number of digits is still text). A field of unknown kind (raw table columns) compares as a
 * number when both sides read as one.
 */
function compareValues(left: unknown, right: string, kind: string | undefined): number {
  const text = left === null || left === undefined ? '' : String(left);
  if (text !== '' && right !== '') {
    if (kind === 'date') {
      const a = Date.parse(text);
      const b = Date.parse(right);
      if (Number.isFinite(a) && Number.isFinite(b)) return a - b;
    } else if (kind === undefined || kind === 'decimal' || kind === 'integer') {
      const a = Number(text);
      const b = Number(right);
      if (Number.isFinite(a) && Number.isFinite(b)) return a - b;
    }
  }
  return text < right ? -1 : text > right ? 1 : 0;
}

function matches(record: Record<string, unknown>, filter: Filter, kinds: ListQuery['kinds']) {
  const value = record[filter.field];
  const text = value === null || value === undefined ? '' : String(value);
  const kind = kinds[filter.field];
  switch (filter.operator) {
    case 'eq':
      if (kind === 'boolean' && parseFlag(filter.value) !== undefined)
        return parseFlag(value as string | boolean | null) === parseFlag(filter.value);
      return text === filter.value;
    case 'contains':
      return text.toLowerCase().includes(filter.value.toLowerCase());
    case 'startsWith':
      return text.toLowerCase().startsWith(filter.value.toLowerCase());
    case 'gt':
      return compareValues(value, filter.value, kind) > 0;
    case 'gteq':
      return compareValues(value, filter.value, kind) >= 0;
    case 'lt':
      return compareValues(value, filter.value, kind) < 0;
    case 'lteq':
      return compareValues(value, filter.value, kind) <= 0;
  }
}

/** True when a record passes the query's filters. */
export function passesFilters(record: Record<string, unknown>, query: ListQuery): boolean {
  if (query.filters.length === 0) return true;
  return query.match === 'all'
    ? query.filters.every((filter) => matches(record, filter, query.kinds))
    : query.filters.some((filter) => matches(record, filter, query.kinds));
}

/** Orders records by the query's sort keys (stable). */
export function sortComparator(query: ListQuery) {
  return (left: Record<string, unknown>, right: Record<string, unknown>) => {
    for (const { field, descending } of query.sort) {
      const order = compareValues(left[field], String(right[field] ?? ''), query.kinds[field]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  };
}

/** Makini's `{ data, links, meta }` envelope with absolute links that keep the other parameters. */
export function pageEnvelope<Item>(url: URL, query: ListQuery, total: number, data: Item[]) {
  const lastPage = Math.max(1, Math.ceil(total / query.perPage));
  const link = (page: number) => {
    const target = new URL(url);
    target.searchParams.set('page', String(page));
    return target.toString();
  };
  // An empty page says null for `from` and `to`, as Laravel's paginator (whose envelope this is)
  // does; the overlay makes both nullable where the spec types them as plain numbers.
  const from = data.length > 0 ? (query.page - 1) * query.perPage + 1 : null;
  return {
    data,
    links: {
      first: link(1),
      last: link(lastPage),
      prev: query.page > 1 ? link(Math.min(query.page - 1, lastPage)) : null,
      next: query.page < lastPage ? link(query.page + 1) : null,
    },
    meta: {
      current_page: query.page,
      from,
      last_page: lastPage,
      path: `${url.origin}${url.pathname}`,
      per_page: query.perPage,
      to: from === null ? null : from + data.length - 1,
      total,
    },
  };
}

/** Pages an in-memory list through the query. */
export function listPage<Item extends Record<string, unknown>>(
  url: URL,
  query: ListQuery,
  items: readonly Item[],
) {
  let selected = items.filter((item) => passesFilters(item, query));
  if (query.sort.length > 0) selected = [...selected].sort(sortComparator(query));
  const start = (query.page - 1) * query.perPage;
  return pageEnvelope(url, query, selected.length, selected.slice(start, start + query.perPage));
}
