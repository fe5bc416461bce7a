/** Why a webhook was refused. Stable strings: match on them, never on messages. */
export const WebhookVerificationErrorCode = {
  /** A required header (`webhook-id`, `webhook-timestamp`, `webhook-signature`) is absent. */
  MISSING_HEADER: 'MISSING_HEADER',
  /** A header is present but malformed (timestamp not an integer, signature not `v1,<base64>`). */
  INVALID_HEADER: 'INVALID_HEADER',
  /** The timestamp is older than the tolerance: a replay, or a clock far behind. */
  TIMESTAMP_TOO_OLD: 'TIMESTAMP_TOO_OLD',
  /** The timestamp is further ahead than the tolerance: a clock far ahead. */
  TIMESTAMP_IN_FUTURE: 'TIMESTAMP_IN_FUTURE',
  /** No signature matches any secret: wrong secret, or the body, id or timestamp was changed. */
  NO_MATCHING_SIGNATURE: 'NO_MATCHING_SIGNATURE',
  /** The payload was a parsed object; signatures cover the raw bytes. */
  PAYLOAD_NOT_RAW: 'PAYLOAD_NOT_RAW',
  /** The payload is not UTF-8 JSON. */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  /** The JSON is not a webhook event this version knows (see `event` on the error). */
  SCHEMA_MISMATCH: 'SCHEMA_MISMATCH',
  /**
   * A configured secret is unusable: not a string, empty, or (standard scheme) not base64 after an
   * optional `whsec_`. A setup mistake: the handler answers 500 so the sender retries once fixed.
   */
  INVALID_SECRET: 'INVALID_SECRET',
  /**
   * Another option is unusable: `toleranceSeconds` or `now` not a finite number ≥ 0; a handler's
   * `processingTtlMs` (1 to 2^31-1 ms), `dedupeTtlMs` (≥ 1 ms) or `maxBodyBytes` (a whole number
   * ≥ 1) out of bounds, NaN included; or a handler for the legacy scheme without a `dedupe` store.
   * A setup mistake, answered like `INVALID_SECRET`.
   */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
} as const;
export type WebhookVerificationErrorCode =
  (typeof WebhookVerificationErrorCode)[keyof typeof WebhookVerificationErrorCode];

const KIND = 'makini.WebhookVerificationError';

const hidden = (value: unknown): PropertyDescriptor => ({
  value,
  writable: true,
  enumerable: false,
  configurable: true,
});

/**
 * A webhook that failed verification. `code` says why, `message` says how to fix it. Respond 400
 * without the detail (it helps an attacker); log the detail.
 *
 * @example
 * try {
 *   const event = await verifyWebhook({ payload: rawBody, headers, secret });
 *   await handle(event);
 * } catch (error) {
 *   if (!(error instanceof WebhookVerificationError)) throw error;
 *   log.warn(`webhook refused: ${error.code}`, error.message);
 *   return new Response(null, { status: 400 });
 * }
 */
export class WebhookVerificationError extends Error {
  /** `makini.WebhookVerificationError`: tells the error apart across copies of the package, where `instanceof` fails. */
  readonly kind = KIND;
  /** `WebhookVerificationError`. */
  override readonly name = 'WebhookVerificationError';

  /**
   * The verifiers make it; construct one yourself to refuse a delivery in a test.
   *
   * @param code Why the webhook was refused.
   * @param message How to fix it, naming no secret.
   * @param options The cause, and for `SCHEMA_MISMATCH` the authentic event.
   */
  constructor(
    /** Why the webhook was refused: match on it, never on the message. */
    readonly code: WebhookVerificationErrorCode,
    message: string,
    options: { cause?: unknown; event?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.event !== undefined) this.event = options.event;
  }

  /** For `SCHEMA_MISMATCH`: the verified (authentic) JSON that did not match the schema. */
  event?: unknown;

  /**
   * Creates a refusal without a stack trace: refusals are expected outcomes (a flood of forged
   * requests is one), the stack would only point into the verifier, and capturing it costs more
   * than every check that precedes it. Not built with `new`, whose capture only
   * `Error.stackTraceLimit` could skip, and that belongs to the whole process: an object on this
   * prototype, with the properties `new` gives, is an instance of this class and of `Error` and
   * prints the same (only `util.types.isNativeError` tells it apart).
   */
  static refusal(
    code: WebhookVerificationErrorCode,
    message: string,
    options: { cause?: unknown; event?: unknown } = {},
  ): WebhookVerificationError {
    const error = Object.create(WebhookVerificationError.prototype) as Mutable;
    // As `new Error` defines them: not enumerable, so logs and JSON show the fields below.
    Object.defineProperty(error, 'stack', hidden(`WebhookVerificationError: ${message}`));
    Object.defineProperty(error, 'message', hidden(message));
    if (options.cause !== undefined) Object.defineProperty(error, 'cause', hidden(options.cause));
    error.code = code;
    error.kind = KIND;
    error.name = 'WebhookVerificationError';
    error.event = options.event;
    return error;
  }

  /** True for a `WebhookVerificationError` from any copy of this package (duplicated bundles). */
  static is(value: unknown): value is WebhookVerificationError {
    return (
      typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === KIND
    );
  }
}

type Mutable = { -readonly [Key in keyof WebhookVerificationError]: WebhookVerificationError[Key] };
