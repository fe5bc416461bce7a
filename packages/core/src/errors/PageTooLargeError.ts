import { type ErrorContext, ValidationError } from './MakiniError.js';

/**
 * A page held more records than it may (`RESPONSE_VALIDATION_FAILED`): more than the `perPage`
 * asked for, or more than 10,000 when none was. Its records were not parsed,
 * since parsing and keeping each one costs far more memory than its bytes (a 2 MB body of a million
 * `0`s would be a million invalid records). Not retried: the same request brings the same page.
 * `body` is not kept, for the same reason.
 *
 * @example
 * for await (const order of client.purchaseOrders.list({ perPage: 100 })) save(order);
 * // PageTooLargeError: GET /api/erp/purchase-orders?page=1&per_page=100: the page holds 250 records, more than the 100 asked for (perPage) …
 */
export class PageTooLargeError extends ValidationError {
  /** @inheritDoc */
  static override readonly KIND: string = 'PageTooLargeError';
  /** Records the page held. */
  readonly count: number;
  /** The most it may hold: the `perPage` asked for, else 10,000. */
  readonly cap: number;

  /**
   * The kit makes it when a page holds more records than it may.
   *
   * @param message How many records the page held, and the most it may.
   * @param context The request, the record `count` and the `cap`.
   */
  constructor(message: string, context: ErrorContext & { count: number; cap: number }) {
    super(message, { ...context, issuePath: 'data', body: undefined });
    this.count = context.count;
    this.cap = context.cap;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), count: this.count, cap: this.cap };
  }
}
