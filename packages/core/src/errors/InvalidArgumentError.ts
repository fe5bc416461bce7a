import { type ErrorContext, MakiniError } from './MakiniError.js';

/**
 * A call was given an argument it cannot send (`INVALID_ARGUMENT`): an empty record key, a filter
 * operator or sort direction Makini does not know, a blank `idempotencyKey`, a per-call
 * `maxRetries` out of range. The call rejects with it before anything is sent; `argument` names
 * what to fix and the message says how. It is a bug in the calling code, so it is never retried.
 *
 * @example
 * const order = await client.purchaseOrders.get(input.key).catch((error) => {
 *   if (InvalidArgumentError.is(error)) return showFormError(error.argument, error.message);
 *   throw error;
 * });
 */
export class InvalidArgumentError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'InvalidArgumentError';
  declare readonly code: 'INVALID_ARGUMENT';
  /** The argument at fault, as a path: `key`, `filter.quantity`, `sort.orderDate`, `idempotencyKey`. */
  readonly argument: string;

  /**
   * The kit makes it when a call is given an argument it cannot send.
   *
   * @param message What is wrong with the argument and how to fix it.
   * @param context The call, and the `argument` at fault.
   */
  constructor(message: string, context: ErrorContext & { argument: string }) {
    super('INVALID_ARGUMENT', message, context);
    this.argument = context.argument;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), argument: this.argument };
  }
}
