import type { WebhookEvent } from '@makini-kit/core';
import type { WebhookHeaders } from './readHeader.js';
import type { WebhookSecret } from './secrets.js';
import type { WebhookRefusal } from './WebhookRefusal.js';

/** Raw request body: exactly the bytes that were signed. */
export type RawPayload = string | Uint8Array;

export interface VerifyWebhookOptions {
  /** The raw body, as received: never `JSON.parse`d and re-serialized. */
  payload: RawPayload;
  headers: WebhookHeaders;
  /** The endpoint secret (`whsec_…`), or several while rotating. */
  secret: WebhookSecret;
  /** How far the timestamp may be from now, either way. @default 300 */
  toleranceSeconds?: number;
  /** `standard` (Standard Webhooks headers) or Makini's `legacy` body HMAC. @default 'standard' */
  scheme?: 'standard' | 'legacy';
  /** Current time, for tests. @default Date.now() */
  now?: number;
}

/** What `safeVerifyWebhook` returns: the event, or why it was refused. */
export type WebhookVerification =
  | { readonly ok: true; readonly event: WebhookEvent }
  | WebhookRefusal;
/** What `safeVerifyWebhookSignature` returns. */
export type WebhookSignatureVerification = { readonly ok: true } | WebhookRefusal;
