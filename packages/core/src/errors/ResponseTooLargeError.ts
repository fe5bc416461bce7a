import { type ErrorContext, MakiniError } from './MakiniError.js';

/**
 * A response body passed `maxResponseBytes` (`RESPONSE_TOO_LARGE`). Reading stopped there and the
 * connection was closed; the call is not retried, since the same request would bring the same body.
 */
export class ResponseTooLargeError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ResponseTooLargeError';
  declare readonly code: 'RESPONSE_TOO_LARGE';
  /** The limit that was passed, in bytes. */
  readonly limitBytes: number;

  /**
   * The kit makes it when a body passes `maxResponseBytes`.
   *
   * @param message Which response passed the limit.
   * @param context The request, and the limit in bytes.
   */
  constructor(message: string, context: ErrorContext & { limitBytes: number }) {
    super('RESPONSE_TOO_LARGE', message, context);
    this.limitBytes = context.limitBytes;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limitBytes: this.limitBytes };
  }
}
