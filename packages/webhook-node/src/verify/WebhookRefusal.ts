import {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './WebhookVerificationError.js';

/**
 * A webhook that was refused, as `safeVerifyWebhook` returns it: a plain value, not an Error,
 * because building an Error (and rejecting a promise) costs more than every cheap check together.
 * `toError()` turns it into the `WebhookVerificationError` that `verifyWebhook` throws.
 */
export class WebhookRefusal {
  /** Discriminates a refusal from `{ ok: true, … }`. */
  readonly ok = false;

  readonly #details: { cause?: unknown; event?: unknown };

  constructor(
    /** Why, as a stable string: match on it, never on `message`. */
    readonly code: WebhookVerificationErrorCode,
    /** What was wrong and how to fix it, for your logs (not for the response). */
    readonly message: string,
    details: { cause?: unknown; event?: unknown } = {},
  ) {
    this.#details = details;
  }

  /** For `SCHEMA_MISMATCH`: the authentic JSON that did not match the schema. */
  get event(): unknown {
    return this.#details.event;
  }

  /** A new stackless `WebhookVerificationError` with this code, message, cause and event. */
  toError(): WebhookVerificationError {
    return WebhookVerificationError.refusal(this.code, this.message, this.#details);
  }
}

/** A refusal without variable parts, built once and frozen: refusing a flood allocates nothing. */
export function fixedRefusal(code: WebhookVerificationErrorCode, message: string): WebhookRefusal {
  const refusal = new WebhookRefusal(code, message);
  Object.freeze(refusal);
  return refusal;
}
