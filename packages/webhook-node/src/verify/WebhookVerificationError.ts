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
  /** A configured secret is unusable (empty, or `whsec_` with invalid base64). */
  INVALID_SECRET: 'INVALID_SECRET',
} as const;
export type WebhookVerificationErrorCode =
  (typeof WebhookVerificationErrorCode)[keyof typeof WebhookVerificationErrorCode];

const KIND = 'makini.WebhookVerificationError';

/**
 * A webhook that failed verification. `code` says why, `message` says how to fix it. Respond 400
 * without the detail (it helps an attacker); log the detail.
 */
export class WebhookVerificationError extends Error {
  readonly kind = KIND;
  override readonly name = 'WebhookVerificationError';

  constructor(
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
   * than every check that precedes it.
   */
  static refusal(
    code: WebhookVerificationErrorCode,
    message: string,
    options?: { cause?: unknown; event?: unknown },
  ): WebhookVerificationError {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new WebhookVerificationError(code, message, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /** True for a `WebhookVerificationError` from any copy of this package (duplicated bundles). */
  static is(value: unknown): value is WebhookVerificationError {
    return (
      typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === KIND
    );
  }
}
