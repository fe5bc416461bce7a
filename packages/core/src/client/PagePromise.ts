import type { Page } from '../models/Page.js';

/**
 * The result of a list call: a promise of the first page that is also an `AsyncIterable` over
 * every record of every page. Pages are fetched one at a time as iteration needs them, so memory
 * stays flat however many there are.
 *
 * @example
 * const first = await client.purchaseOrders.list({ perPage: 100 }); // one page
 * for await (const order of client.purchaseOrders.list({ perPage: 100 })) { … } // every record
 * for await (const page of client.purchaseOrders.list().pages()) { … } // page by page
 */
export class PagePromise<Item> implements PromiseLike<Page<Item>>, AsyncIterable<Item> {
  private first: Promise<Page<Item>> | undefined;

  constructor(
    private readonly fetchPage: (page: number) => Promise<Page<Item>>,
    private readonly startPage = 1,
  ) {}

  private firstPage(): Promise<Page<Item>> {
    this.first ??= this.fetchPage(this.startPage);
    return this.first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is meant to be awaited.
  then<Result = Page<Item>, Failure = never>(
    onFulfilled?: ((page: Page<Item>) => Result | PromiseLike<Result>) | null,
    onRejected?: ((reason: unknown) => Failure | PromiseLike<Failure>) | null,
  ): Promise<Result | Failure> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  catch<Failure = never>(
    onRejected: (reason: unknown) => Failure | PromiseLike<Failure>,
  ): Promise<Page<Item> | Failure> {
    return this.firstPage().catch(onRejected);
  }

  /** Every page from the first, fetched as the loop asks for it. */
  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page = await this.firstPage();
    yield page;
    while (page.data.length > 0 && page.meta.current_page < page.meta.last_page) {
      page = await this.fetchPage(page.meta.current_page + 1);
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }
}
