import { describe, expectTypeOf, it } from 'vitest';
import type { FieldsOf, Filter, ListParams, Sort } from './ListParams.js';

interface Order {
  key: string;
  vendorKey?: string | null;
  totalNetValue?: string | null;
  orderDate?: string | null;
  readonly customFields: Readonly<Record<string, unknown>>;
}
type OrderParams = ListParams<FieldsOf<Order>>;

describe('ListParams', () => {
  it('takes the resource fields with every operator, both lte spellings', () => {
    const params: OrderParams = {
      filter: {
        vendorKey: 'V1',
        totalNetValue: { gt: '1000' },
        orderDate: { gteq: '2024-01-01', lteq: '2024-12-31' },
        key: { startsWith: 'PO', contains: '24', lt: 'Z', lted: 'Y', gteq: 1, gt: true },
      },
      filterMatch: 'any',
      sort: { orderDate: 'desc', key: 'asc' },
      customFilter: { ZZ_COST_CENTER: '4711' },
      strict: true,
      onInvalidRecord: (event) =>
        expectTypeOf(event.record.issues[0]?.path).toEqualTypeOf<string | undefined>(),
    };
    expectTypeOf(params).toExtend<ListParams>();
  });

  it('refuses a field the resource does not have, and customFields', () => {
    // @ts-expect-error: orders have no `colour`
    const filter: Filter<FieldsOf<Order>> = { colour: 'red' };
    // @ts-expect-error: customFields is a view, not a field Makini filters on
    const custom: Filter<FieldsOf<Order>> = { customFields: 'x' };
    // @ts-expect-error: nor sorts on
    const sort: Sort<FieldsOf<Order>> = { colour: 'asc' };
    void [filter, custom, sort];
  });

  it('refuses an unknown operator, a bad direction and filterMatch', () => {
    // @ts-expect-error: `eq` is not an operator (equality is the plain value)
    const filter: Filter<'key'> = { key: { eq: 'a' } };
    // @ts-expect-error: Makini sorts asc or desc
    const sort: Sort<'key'> = { key: 'up' };
    // @ts-expect-error: all or any
    const params: ListParams<'key'> = { filterMatch: 'none' };
    // @ts-expect-error: a value is a string, number or boolean
    const nested: Filter<'key'> = { key: { gt: { a: 1 } } };
    void [filter, sort, params, nested];
  });

  it('takes any field name when the resource gives none', () => {
    expectTypeOf<{ filter: { anything: 'x' } }>().toExtend<ListParams>();
  });
});
