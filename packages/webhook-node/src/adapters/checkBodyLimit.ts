import type { WebhookHandler } from '../handler/createHandlerFactory.js';
import { numericOptionProblem } from '../handler/optionBounds.js';
import { WebhookVerificationError } from '../verify/WebhookVerificationError.js';

/**
 * Refuses, where an adapter is made, a handler whose `maxBodyBytes` is not a whole number of bytes
 * ≥ 1. `createWebhookHandler` checks its own, but a wrapping handler (`{ maxBodyBytes, handle }`)
 * can carry any value, and with NaN no body would ever be too large.
 *
 * @throws {WebhookVerificationError} `INVALID_OPTIONS`, saying what to pass
 */
export function checkBodyLimit(handler: WebhookHandler): void {
  const problem = numericOptionProblem('maxBodyBytes', handler.maxBodyBytes);
  if (problem) throw new WebhookVerificationError('INVALID_OPTIONS', problem);
}
