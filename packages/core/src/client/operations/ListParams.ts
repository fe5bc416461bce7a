import type { RequestOptions } from '../RequestInput.js';
import type { InvalidRecordEvent } from './InvalidRecord.js';

/**
 * Filter operators, sent as `filter[field:op]=value`. `lteq` and `lted` both mean "less than or
 * equal": Makini's spec spells it `lted` (in every version), so that is what is sent; `lteq` is
 * accepted for symmetry with `gteq` and sent as `lted`.
 */
export type FilterOperator = 'contains' | 'startsWith' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'lted';

/** A value a filter compares against; sent as its string form. */
export type FilterValue = string | number | boolean;

/** `'V1'` (equals) or `{ gt: '1000', lteq: '5000' }` (one query parameter per operator). */
export type FilterCondition =
  | FilterValue
  | { readonly [Operator in FilterOperator]?: FilterValue | undefined };

/**
 * Conditions on a resource's fields, by name: a field the resource does not have is a type error.
 * An `undefined` condition or operator value is left out, so optional inputs pass straight through.
 * For a custom field of the source system, use `customFilter`.
 *
 * @example
 * const filter: Filter<'vendorKey' | 'totalNetValue'> = { vendorKey: 'V1', totalNetValue: { gt: '1000' } };
 */
export type Filter<Fields extends string> = {
  readonly [Field in Fields]?: FilterCondition | undefined;
};

/**
 * Sort order by field: `'desc'` is sent as Makini's `sort[field]=1`, `'asc'` as `0`. Several
 * fields sort by each in turn, in the order given.
 *
 * @example
 * const sort: Sort<'orderDate'> = { orderDate: 'desc' };
 */
export type Sort<Fields extends string> = {
  readonly [Field in Fields]?: 'asc' | 'desc' | undefined;
};

/** The field names a list can filter and sort by: the record's own, never the `customFields` view. */
export type FieldsOf<Item> = Exclude<keyof Item & string, 'customFields'>;

/**
 * Parameters of every list call, typed by the resource's field names.
 *
 * @example
 * client.purchaseOrders.list({
 *   perPage: 100,
 *   filter: { vendorKey: 'V1', totalNetValue: { gt: '1000' }, orderDate: { gteq: '2024-01-01' } },
 *   customFilter: { ZZ_COST_CENTER: '4711' },
 *   sort: { orderDate: 'desc' },
 * });
 */
export interface ListParams<Fields extends string = string> extends RequestOptions {
  /** First page to fetch. @default 1 */
  page?: number | undefined;
  /** Records per page (Makini's `per_page`). @default the server's */
  perPage?: number | undefined;
  /** Conditions on the resource's fields, sent as `filter[field]` / `filter[field:op]`. */
  filter?: Filter<Fields> | undefined;
  /**
   * Conditions on fields the typed model does not know (a source system's custom fields), by the
   * name the API uses. Sent exactly like `filter`; not type-checked against the resource.
   */
  customFilter?: Readonly<Record<string, FilterCondition>> | undefined;
  /** `all` (AND) or `any` (OR). @default the server's, `all` */
  filterMatch?: 'all' | 'any' | undefined;
  /** `{ orderDate: 'desc' }`; several keys sort by each in turn. */
  sort?: Sort<Fields> | undefined;
  /**
   * Throw `ValidationError` at the first record that breaks its schema instead of setting it
   * aside in `page.invalidRecords`. @default the client's `strict`, else false
   */
  strict?: boolean | undefined;
  /** Called for each record set aside, as is the client's `hooks.onInvalidRecord`. */
  onInvalidRecord?: ((event: InvalidRecordEvent) => void) | undefined;
}
