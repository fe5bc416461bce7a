import type { Verifier } from './createVerifier.js';
import type {
  VerifyWebhookOptions,
  WebhookSignatureVerification,
  WebhookVerification,
} from './VerifyWebhookOptions.js';

function synchronous<T>(result: T | Promise<T>): T {
  // Only a synchronous HMAC (node:crypto) is given to this factory; a promise is a wiring bug.
  if (result instanceof Promise) throw new TypeError('safeVerifyWebhook needs a synchronous HMAC.');
  return result;
}

/** The synchronous, non-throwing verifiers: Node only, where node:crypto signs synchronously. */
export function createSafeVerifier(verifier: Verifier) {
  /**
   * `verifyWebhook` that neither throws nor returns a promise: `{ ok: true, event }`, or a
   * {@link WebhookRefusal} with `code` and `message` (`toError()` gives the Error). A malformed
   * request is refused without building an Error or a promise, which makes a flood of them cost
   * almost nothing. Node only.
   *
   * @example
   * const result = safeVerifyWebhook({ payload: rawBody, headers: req.headers, secret });
   * if (!result.ok) {
   *   log.warn(`webhook refused: ${result.code}`, result.message);
   *   return res.writeHead(400).end();
   * }
   * await handle(result.event);
   */
  function safeVerifyWebhook(options: VerifyWebhookOptions): WebhookVerification {
    return synchronous(verifier.verify(options, true));
  }

  /**
   * `verifyWebhookSignature` that neither throws nor returns a promise: `{ ok: true }` or a
   * {@link WebhookRefusal}. The payload is not read. Node only.
   *
   * @example
   * const result = safeVerifyWebhookSignature({ payload: rawBody, headers: req.headers, secret });
   * if (!result.ok) return res.writeHead(400).end();
   */
  function safeVerifyWebhookSignature(options: VerifyWebhookOptions): WebhookSignatureVerification {
    return synchronous(verifier.verify(options, false));
  }

  return { safeVerifyWebhook, safeVerifyWebhookSignature };
}
