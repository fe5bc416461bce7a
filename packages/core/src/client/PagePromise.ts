import { PaginationError } from '../errors/PaginationError.js';
import type { Page } from '../models/Page.js';

/**
 * The result of a list call: a `Promise` of the first page (it has `then`, `catch` and `finally`,
 * so it goes wherever a `Promise<Page<Item>>` is asked for) that is also an `AsyncIterable` over
 * every record of every page. It is lazy: nothing is fetched until it is awaited (or `then`,
 * `catch`, `finally` is called) or iterated. Pages are fetched one at a time as iteration needs
 * them, so memory stays flat however many there are.
 *
 * @example
 * const first = await client.purchaseOrders.list({ perPage: 100 }); // one page
 * for await (const order of client.purchaseOrders.list({ perPage: 100 })) { … } // every record
 * for await (const page of client.purchaseOrders.list().pages()) { … } // page by page
 *
 * Iteration asks for the page after the last one it asked for (counted here, not taken from the
 * server) and throws `PaginationError` when the server's `meta.current_page` repeats or goes back,
 * or when a page holds the same records as the page before (same `key`s, or `id`s), so a server
 * that does not page forward ends the loop instead of repeating it for ever, whatever `last_page`
 * promises. There is no page cap: a list as long as the server's data is walked to its end.
 */
export class PagePromise<Item> implements Promise<Page<Item>>, AsyncIterable<Item> {
  readonly #fetchPage: (page: number) => Promise<Page<Item>>;
  readonly #startPage: number;
  readonly #label: string;
  #first: Promise<Page<Item>> | undefined;
  #invalidRecordCount = 0;
  #pageCount = 0;

  /** `'PagePromise'`, for `Object.prototype.toString`, as a `Promise` says `'Promise'`. */
  readonly [Symbol.toStringTag]: string = 'PagePromise';

  /**
   * Records set aside (`page.invalidRecords`) on the pages this list has walked through
   * `pages()` or `for await`, counted once per page fetched.
   *
   * @example
   * const orders = client.purchaseOrders.list();
   * for await (const order of orders) save(order);
   * if (orders.invalidRecordCount > 0) alert(`${orders.invalidRecordCount} orders could not be read`);
   */
  get invalidRecordCount(): number {
    return this.#invalidRecordCount;
  }

  /** Pages fetched by iteration so far. */
  get pageCount(): number {
    return this.#pageCount;
  }

  /**
   * @internal Resource methods (`client.<resource>.list()`) and `listRecords` build it; an
   * application does not.
   * @param fetchPage Fetches one page by number; called first when the list is awaited or iterated.
   * @param startPage The first page to fetch. @default 1
   * @param label Names the list in errors, e.g. `GET /api/erp/purchase-orders`.
   */
  constructor(fetchPage: (page: number) => Promise<Page<Item>>, startPage = 1, label = 'the list') {
    this.#fetchPage = fetchPage;
    this.#startPage = startPage;
    this.#label = label;
  }

  #firstPage(): Promise<Page<Item>> {
    this.#first ??= this.#fetchPage(this.#startPage);
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is meant to be awaited.
  then<Result = Page<Item>, Failure = never>(
    onFulfilled?: ((page: Page<Item>) => Result | PromiseLike<Result>) | null,
    onRejected?: ((reason: unknown) => Failure | PromiseLike<Failure>) | null,
  ): Promise<Result | Failure> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<Failure = never>(
    onRejected?: ((reason: unknown) => Failure | PromiseLike<Failure>) | null,
  ): Promise<Page<Item> | Failure> {
    return this.#firstPage().catch(onRejected);
  }

  /** Runs `onFinally` once the first page arrived or failed; fetches it if nothing has yet. */
  finally(onFinally?: (() => void) | null): Promise<Page<Item>> {
    return this.#firstPage().finally(onFinally);
  }

  /** Every page from the first, fetched as the loop asks for it. */
  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    let requested = this.#startPage;
    let page = await this.#firstPage();
    this.#count(page);
    yield page;
    // Each page's records are summarized once (as the page just read, then as the one before),
    // and a list of one page never pays for it.
    let previousRecords: string | undefined;
    // A page whose every record was set aside is not the end: only an empty one is.
    while (sizeOf(page) > 0 && page.meta.current_page < page.meta.last_page) {
      const previous = page.meta.current_page;
      previousRecords ??= recordsOf(page);
      // Never less than the page after the server's own (a server may number from 1 when asked for 0).
      requested = Math.max(requested, previous) + 1;
      page = await this.#fetchPage(requested);
      if (page.meta.current_page <= previous) {
        throw new PaginationError(
          `${this.#label}: asked for page ${requested} and the server answered with page ${page.meta.current_page} after page ${previous} (last_page ${page.meta.last_page}). The server is not paging forward; iteration stopped instead of looping.`,
          { requestedPage: requested, currentPage: page.meta.current_page },
        );
      }
      const records = recordsOf(page);
      if (sizeOf(page) > 0 && records === previousRecords) {
        throw new PaginationError(
          `${this.#label}: page ${requested} holds the same records as page ${previous} (last_page ${page.meta.last_page}). The server is not paging forward; iteration stopped instead of yielding them again.`,
          { requestedPage: requested, currentPage: page.meta.current_page },
        );
      }
      previousRecords = records;
      this.#count(page);
      yield page;
    }
  }

  #count(page: Page<Item>) {
    this.#pageCount++;
    this.#invalidRecordCount += page.invalidRecordCount ?? page.invalidRecords?.length ?? 0;
  }

  /** Every record of every page, in order, fetching each page as the loop reaches it: `for await (const order of list)`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}

/**
 * Which records a page holds: their `key`s (or `id`s), else the records themselves. Two pages in a
 * row with the same records mean the server serves one page whatever is asked for.
 */
function recordsOf(page: Page<unknown>): string {
  const identity = (record: unknown) => {
    const { key, id } = (record ?? {}) as { key?: unknown; id?: unknown };
    return key ?? id ?? record;
  };
  return JSON.stringify([
    page.data.map(identity),
    (page.invalidRecords ?? []).map((invalid) => identity(invalid.raw)),
  ]);
}

/** Records the server sent on a page, parsed or set aside. */
function sizeOf(page: Page<unknown>): number {
  return page.data.length + (page.invalidRecordCount ?? page.invalidRecords?.length ?? 0);
}
