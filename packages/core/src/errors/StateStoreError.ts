import { type ErrorContext, MakiniError } from './MakiniError.js';

/**
 * The shared state of several replicas (tokens, rate limits, health) could not be read or written:
 * the store (Redis) refused, dropped the connection or missed its deadline. `operation` names the
 * step (`tokens.get`, `lock.tryAcquire`, `rateLimit.take`, …). The call that needed it fails at once
 * instead of hanging; nothing is cached as broken, so the next call after the store returns works.
 *
 * @example
 * try {
 *   await client.purchaseOrders.list();
 * } catch (error) {
 *   if (StateStoreError.is(error)) return serviceUnavailable('Shared state is down; try again.');
 *   throw error;
 * }
 */
export class StateStoreError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'StateStoreError';
  declare readonly code: 'STATE_STORE_UNAVAILABLE';
  /** The step that failed, e.g. `tokens.compareAndSet`. */
  readonly operation: string;

  /**
   * The stores make it when the shared state fails; a store of your own throws it too.
   *
   * @param message What the store did wrong, naming no secret.
   * @param context The failing `operation`, and the store's error as `cause`.
   */
  constructor(message: string, context: ErrorContext & { operation: string }) {
    super('STATE_STORE_UNAVAILABLE', message, context);
    this.operation = context.operation;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), operation: this.operation };
  }
}
