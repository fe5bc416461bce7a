import { type ErrorContext, MakiniError } from './MakiniError.js';

/**
 * A list stopped because the server did not page forward (`PAGINATION_STALLED`): the page asked for
 * came back with a `meta.current_page` that repeats or goes back, or with the same records as the
 * page before, so following `last_page` would loop for ever.
 */
export class PaginationError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'PaginationError';
  declare readonly code: 'PAGINATION_STALLED';
  /** The page the client asked for. */
  readonly requestedPage: number;
  /** The `meta.current_page` the server answered with. */
  readonly currentPage: number;

  /**
   * The kit makes it when the server does not page forward.
   *
   * @param message Which page was asked for and which came back.
   * @param context The request and both page numbers.
   */
  constructor(
    message: string,
    context: ErrorContext & { requestedPage: number; currentPage: number },
  ) {
    super('PAGINATION_STALLED', message, context);
    this.requestedPage = context.requestedPage;
    this.currentPage = context.currentPage;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      requestedPage: this.requestedPage,
      currentPage: this.currentPage,
    };
  }
}
