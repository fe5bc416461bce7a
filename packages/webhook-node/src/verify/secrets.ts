import type { HmacProvider } from '../crypto/HmacProvider.js';
import { WebhookVerificationError } from './WebhookVerificationError.js';

/** One secret, or several while rotating (each is tried). */
export type WebhookSecret = string | readonly string[];

const encoder = new TextEncoder();
const cache = new Map<string, Uint8Array>();

/**
 * Key bytes of a secret: a Standard Webhooks `whsec_<base64>` secret is base64-decoded; any other
 * string (Makini's legacy endpoint secret) is used as its UTF-8 bytes.
 */
export function secretKey(secret: string, hmac: HmacProvider): Uint8Array {
  let key = cache.get(secret);
  if (key) return key;
  if (secret.length === 0) {
    throw WebhookVerificationError.refusal(
      'INVALID_SECRET',
      'The webhook secret is empty: pass the endpoint secret from your Makini dashboard.',
    );
  }
  if (secret.startsWith('whsec_')) {
    key = hmac.fromBase64(secret.slice(6));
    if (!key || key.length === 0) {
      throw WebhookVerificationError.refusal(
        'INVALID_SECRET',
        'The webhook secret starts with "whsec_" but the rest is not base64: copy the whole secret again.',
      );
    }
  } else {
    key = encoder.encode(secret);
  }
  if (cache.size > 256) cache.clear();
  cache.set(secret, key);
  return key;
}

export function secretList(secret: WebhookSecret): readonly string[] {
  const list = typeof secret === 'string' ? [secret] : secret;
  if (list.length === 0) {
    throw WebhookVerificationError.refusal(
      'INVALID_SECRET',
      'No webhook secret was given: pass `secret` (a string, or an array while rotating).',
    );
  }
  return list;
}
