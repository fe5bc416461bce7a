import { describe, expectTypeOf, it } from 'vitest';
import type { Invoice } from '../generated/schemas.js';
import type { Page } from '../models/Page.js';
import type { MakiniClient } from './MakiniClient.js';
import type { PagePromise } from './PagePromise.js';

declare const client: MakiniClient;

/** A retry helper as applications write it. */
declare function withRetry<T>(fn: () => Promise<T>): Promise<T>;
/** The shape of TanStack Query's `queryFn`: a value or a promise of it. */
declare function useQuery<T>(options: {
  queryKey: readonly unknown[];
  queryFn: () => T | Promise<T>;
}): { data: T | undefined };

describe('PagePromise is a Promise of its first page', () => {
  it('is assignable to Promise<Page<Item>>', () => {
    expectTypeOf<PagePromise<Invoice>>().toExtend<Promise<Page<Invoice>>>();
    expectTypeOf<Awaited<PagePromise<Invoice>>>().toEqualTypeOf<Page<Invoice>>();
  });

  it('goes where () => Promise<T> is asked for, with T = Page<Item>', () => {
    const retried = withRetry(() => client.invoices.list());
    expectTypeOf(retried).toEqualTypeOf<Promise<Page<Invoice>>>();
  });

  it('infers T = Page<Item> from T | Promise<T>, as TanStack Query does', () => {
    const query = useQuery({ queryKey: ['invoices'], queryFn: () => client.invoices.list() });
    expectTypeOf(query.data).toEqualTypeOf<Page<Invoice> | undefined>();
    expectTypeOf(query.data?.data).toEqualTypeOf<Invoice[] | undefined>();
  });

  it('has then, catch and finally as a Promise has them', () => {
    const list = client.invoices.list();
    expectTypeOf(list.finally(() => undefined)).toEqualTypeOf<Promise<Page<Invoice>>>();
    expectTypeOf(list.catch()).toEqualTypeOf<Promise<Page<Invoice>>>();
    expectTypeOf(list.catch(() => null)).toEqualTypeOf<Promise<Page<Invoice> | null>>();
    expectTypeOf(list.then((page) => page.data.length)).toEqualTypeOf<Promise<number>>();
    expectTypeOf(list[Symbol.toStringTag]).toEqualTypeOf<string>();
  });

  it('stays an AsyncIterable of records with pages()', () => {
    expectTypeOf<PagePromise<Invoice>>().toExtend<AsyncIterable<Invoice>>();
    expectTypeOf<ReturnType<PagePromise<Invoice>['pages']>>().toExtend<
      AsyncIterable<Page<Invoice>>
    >();
  });
});
