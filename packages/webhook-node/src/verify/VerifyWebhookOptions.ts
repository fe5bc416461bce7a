import type { Telemetry, WebhookEvent } from '@makini-kit/core';
import type { WebhookHeaders } from './readHeader.js';
import type { WebhookSecret } from './secrets.js';
import type { WebhookRefusal } from './WebhookRefusal.js';

/** Raw request body: exactly the bytes that were signed. */
export type RawPayload = string | Uint8Array;

/** What `verifyWebhook` and its siblings check a delivery with. */
export interface VerifyWebhookOptions {
  /** The raw body, as received: never `JSON.parse`d and re-serialized. */
  payload: RawPayload;
  /** The request's headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`), any casing. */
  headers: WebhookHeaders;
  /**
   * The endpoint secret, or several while rotating. Standard scheme: `whsec_<base64>`, or the
   * base64 alone, as `standardwebhooks` reads it. Legacy scheme: the secret as written, used as it
   * is (a `whsec_` prefix included), as Makini's sample does.
   */
  secret: WebhookSecret;
  /**
   * How far the delivery's time (`webhook-timestamp`, or in the legacy scheme the signed body's
   * `created_at`) may be from now, either way. A finite number ≥ 0; anything else (NaN from an
   * unset environment variable) is refused as `INVALID_OPTIONS` rather than opening the window.
   * @default 300 (standard); 90_000, 25 hours, in the legacy scheme: a retry keeps its `created_at`,
   * and Makini retries for up to 24 hours
   */
  toleranceSeconds?: number;
  /** `standard` (Standard Webhooks headers) or Makini's `legacy` body HMAC. @default 'standard' */
  scheme?: 'standard' | 'legacy';
  /** Current time in milliseconds, for tests; a finite number. @default Date.now() */
  now?: number;
  /**
   * A `webhook.verify` span per verification (the event's type and id, or the refusal's code;
   * never the signature, secret or payload): `openTelemetry()` from `@makini-kit/core/opentelemetry`.
   * @default none
   */
  telemetry?: Telemetry;
}

/** What `safeVerifyWebhook` returns: the event, or why it was refused. */
export type WebhookVerification =
  | {
      /** Authentic. */
      readonly ok: true;
      /** The verified, parsed event. */
      readonly event: WebhookEvent;
    }
  | WebhookRefusal;
/** What `safeVerifyWebhookSignature` returns. */
export type WebhookSignatureVerification =
  | {
      /** Authentic. */
      readonly ok: true;
    }
  | WebhookRefusal;
