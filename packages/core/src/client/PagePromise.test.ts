import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Page } from '../models/Page.js';
import { PagePromise } from './PagePromise.js';

/** Pages of `size` numbers, `last` of them, counting every fetch. */
function numbers(last: number, size = 2) {
  const fetched: number[] = [];
  const list = new PagePromise<number>(async (page) => {
    fetched.push(page);
    const data = Array.from({ length: size }, (_, i) => (page - 1) * size + i);
    return {
      data,
      invalidRecords: [],
      links: { first: null, last: null, prev: null, next: null },
      meta: { current_page: page, last_page: last, per_page: size, total: last * size },
    } as unknown as Page<number>;
  });
  return { list, fetched };
}

describe('PagePromise', () => {
  it('fetches nothing until it is awaited, then the first page once', async () => {
    const { list, fetched } = numbers(3);
    expect(fetched).toEqual([]);
    const page = await list;
    expect(page.data).toEqual([0, 1]);
    await list.then((again) => again);
    expect(fetched).toEqual([1]);
  });

  it('has finally, runs it and passes the page or the failure on', async () => {
    const { list, fetched } = numbers(1);
    let ran = 0;
    const page = await list.finally(() => {
      ran++;
    });
    expect(page.data).toEqual([0, 1]);
    expect(ran).toBe(1);
    expect(fetched).toEqual([1]);
    const failing = new PagePromise<number>(() => Promise.reject(new Error('down')));
    await expect(
      failing.finally(() => {
        ran++;
      }),
    ).rejects.toThrow('down');
    expect(ran).toBe(2);
  });

  it('finally alone starts the fetch (it is how a Promise is consumed)', async () => {
    const { list, fetched } = numbers(1);
    await list.finally(undefined);
    expect(fetched).toEqual([1]);
  });

  it('catch() with no handler is the page, as on a Promise', async () => {
    const { list } = numbers(1);
    expect((await list.catch()).data).toEqual([0, 1]);
  });

  it('says what it is to Object.prototype.toString', () => {
    expect(Object.prototype.toString.call(numbers(1).list)).toBe('[object PagePromise]');
  });

  it('stays async-iterable over every record, page by page as needed', async () => {
    const { list, fetched } = numbers(3);
    const seen: number[] = [];
    for await (const record of list) seen.push(record);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fetched).toEqual([1, 2, 3]);
  });

  it('declares no private members in its .d.ts', () => {
    const source = readFileSync(new URL('./PagePromise.ts', import.meta.url), 'utf8');
    const { outputText } = ts.transpileDeclaration(source, {
      compilerOptions: { stripInternal: false, target: ts.ScriptTarget.ES2022 },
    });
    expect(outputText).toContain('class PagePromise');
    // `#private;` is TypeScript's opaque mark of #fields: it names none of them.
    expect(outputText).not.toMatch(/^\s*(private|protected)\s/m);
    expect(outputText).not.toMatch(/fetchPage;|startPage;|label;|first;/);
  });
});
