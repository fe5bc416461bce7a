import { decodeBase64 } from '../encoding/decodeBase64.js';
import { fixedRefusal, WebhookRefusal } from './WebhookRefusal.js';

/** One secret, or several while rotating (each is tried). */
export type WebhookSecret = string | readonly string[];

const encoder = new TextEncoder();
const cache = new Map<string, Uint8Array>();

const EMPTY = fixedRefusal(
  'INVALID_SECRET',
  'The webhook secret is empty: pass the endpoint secret from your Makini dashboard.',
);
const NOT_A_STRING = fixedRefusal(
  'INVALID_SECRET',
  'A webhook secret is not a string: pass the endpoint secret (whsec_…) as a string, or an array of them.',
);
const NOT_BASE64 = fixedRefusal(
  'INVALID_SECRET',
  'The webhook secret starts with "whsec_" but the rest is not base64: copy the whole secret again.',
);
const NONE = fixedRefusal(
  'INVALID_SECRET',
  'No webhook secret was given: pass `secret` (a string, or an array while rotating).',
);

/**
 * Key bytes of a secret: a Standard Webhooks `whsec_<base64>` secret is base64-decoded; any other
 * string (Makini's legacy endpoint secret) is used as its UTF-8 bytes.
 */
export function secretKey(secret: string): Uint8Array | WebhookRefusal {
  let key = cache.get(secret);
  if (key) return key;
  if (typeof secret !== 'string') return NOT_A_STRING;
  if (secret.length === 0) return EMPTY;
  if (secret.startsWith('whsec_')) {
    key = decodeBase64(secret, 6);
    if (!key || key.length === 0) return NOT_BASE64;
  } else {
    key = encoder.encode(secret);
  }
  if (cache.size > 256) cache.clear();
  cache.set(secret, key);
  return key;
}

export function secretList(secret: WebhookSecret): readonly string[] | WebhookRefusal {
  const list = typeof secret === 'string' ? [secret] : secret;
  return Array.isArray(list) && list.length > 0 ? list : NONE;
}

const single = new Map<string, readonly Uint8Array[]>();

/** The keys of every secret, in order; one secret's list is cached, as the common case. */
export function secretKeys(secret: WebhookSecret): readonly Uint8Array[] | WebhookRefusal {
  if (typeof secret === 'string') {
    const cached = single.get(secret);
    if (cached) return cached;
  }
  const secrets = secretList(secret);
  if (secrets instanceof WebhookRefusal) return secrets;
  const keys: Uint8Array[] = [];
  for (const each of secrets) {
    const key = secretKey(each);
    if (key instanceof WebhookRefusal) return key;
    keys.push(key);
  }
  if (typeof secret === 'string') {
    if (single.size > 256) single.clear();
    single.set(secret, Object.freeze(keys));
  }
  return keys;
}

/** For the signer, where a bad secret is a programming error: throws it. */
export function orThrow<T>(value: T | WebhookRefusal): T {
  if (value instanceof WebhookRefusal) throw value.toError();
  return value;
}
