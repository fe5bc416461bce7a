import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import type { ListParams } from './ListParams.js';
import { listQuery, pageQuery } from './listQuery.js';

const wire = (params: ListParams) => decodeURIComponent(listQuery(params).toString());

describe('listQuery', () => {
  it('sends equality, operators, filterMatch and sort as Makini spells them', () => {
    expect(
      wire({
        perPage: 100,
        filter: {
          vendorKey: 'V1',
          totalNetValue: { gt: '1000' },
          orderDate: { gteq: '2024-01-01', lt: '2025-01-01' },
        },
        filterMatch: 'any',
        sort: { orderDate: 'desc', orderNo: 'asc' },
      }),
    ).toBe(
      'per_page=100&filter[vendorKey]=V1&filter[totalNetValue:gt]=1000&filter[orderDate:gteq]=2024-01-01&filter[orderDate:lt]=2025-01-01&filterMatch=any&sort[orderDate]=1&sort[orderNo]=0',
    );
  });

  it('sends lteq and lted alike, as the spec spelling lted', () => {
    expect(wire({ filter: { orderDate: { lteq: '2024-12-31' } } })).toBe(
      'filter[orderDate:lted]=2024-12-31',
    );
    expect(wire({ filter: { orderDate: { lted: '2024-12-31' } } })).toBe(
      'filter[orderDate:lted]=2024-12-31',
    );
  });

  it('sends customFilter like filter, by the name given', () => {
    expect(wire({ customFilter: { ZZ_COST_CENTER: '4711', ZZ_X: { contains: 'a' } } })).toBe(
      'filter[ZZ_COST_CENTER]=4711&filter[ZZ_X:contains]=a',
    );
  });

  it('leaves out undefined conditions and directions', () => {
    expect(wire({ filter: { a: undefined, b: { gt: undefined } }, sort: { c: undefined } })).toBe(
      '',
    );
  });

  it('refuses what Makini cannot read, naming it', () => {
    expect(() => wire({ filter: { a: { lteq: 1, lted: 2 } } })).toThrow(/both lteq and lted/);
    expect(() => wire({ filter: { a: { eq: 1 } as never } })).toThrow(
      /filter\.a has the operator "eq".*contains, startsWith, gt, gteq, lt, lteq, lted/,
    );
    expect(() => wire({ filter: { a: { gt: { nested: 1 } } as never } })).toThrow(
      /filter\.a\.gt must be a string, a finite number or a boolean, got object/,
    );
    expect(() => wire({ filter: { a: null as never } })).toThrow(/got null/);
    expect(() => wire({ filter: { a: Number.NaN } })).toThrow(/filter\.a must be/);
    expect(() => wire({ sort: { a: 'down' as never } })).toThrow(/sort\.a must be 'asc' or 'desc'/);
    expect(() => wire({ filterMatch: 'some' as never })).toThrow(/filterMatch must be/);
  });

  it('refuses with InvalidArgumentError naming the argument and the call', () => {
    let caught: unknown;
    try {
      listQuery({ sort: { quantity: 1 as never } }, { method: 'GET', path: '/api/erp/stocks' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect(caught).toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'sort.quantity',
      method: 'GET',
      path: '/api/erp/stocks',
    });
    expect((caught as Error).message).toMatch(/^GET \/api\/erp\/stocks: sort\.quantity must be/);
  });

  it('puts page first and keeps the rest', () => {
    expect(pageQuery(listQuery({ perPage: 5 }), 3).toString()).toBe('page=3&per_page=5');
  });
});

describe('listQuery refuses', () => {
  const call = { method: 'GET', path: '/api/erp/purchase-orders' };
  const refused = (params: ListParams) => {
    try {
      listQuery(params, call);
    } catch (error) {
      return error as InvalidArgumentError;
    }
    return undefined;
  };

  it.each([
    ['totalNetValue:lt', /":"/],
    ['', /empty/],
    ['a[b]', /"\["/],
    ['a]', /"\]"/],
  ])('a customFilter field named %j', (field, why) => {
    const error = refused({ customFilter: { [field]: '1' } });
    expect(InvalidArgumentError.is(error)).toBe(true);
    expect(error?.argument).toBe(`customFilter.${field}`);
    expect(error?.message).toMatch(why);
    expect(error?.message).toMatch(/operator/);
    expect(refused({ filter: { [field]: '1' } })?.argument).toBe(`filter.${field}`);
    expect(refused({ sort: { [field]: 'asc' } })?.argument).toBe(`sort.${field}`);
  });

  it.each([
    ['perPage', 0],
    ['perPage', -1],
    ['perPage', 2.5],
    ['perPage', Number.NaN],
    ['perPage', '10'],
    ['page', 0],
    ['page', -3],
    ['page', 1.5],
    ['page', Number.POSITIVE_INFINITY],
  ] as const)('%s: %j', (argument, value) => {
    const error = refused({ [argument]: value } as ListParams);
    expect(InvalidArgumentError.is(error)).toBe(true);
    expect(error?.argument).toBe(argument);
    expect(error?.message).toMatch(`${argument} must be a whole number of 1 or more`);
  });

  it('takes a custom field name the API uses as is', () => {
    expect(
      decodeURIComponent(
        listQuery({ customFilter: { ZZ_COST_CENTER: '4711', 'a.b': 'x' } }).toString(),
      ),
    ).toBe('filter[ZZ_COST_CENTER]=4711&filter[a.b]=x');
  });
});
