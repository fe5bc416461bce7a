import { decodeBase64 } from '../encoding/decodeBase64.js';
import { fixedRefusal, WebhookRefusal } from './WebhookRefusal.js';

/** One secret, or several while rotating (each is tried). */
export type WebhookSecret = string | readonly string[];

/** How a webhook is signed: Standard Webhooks headers, or Makini's legacy body HMAC. */
export type WebhookScheme = 'standard' | 'legacy';

const encoder = new TextEncoder();

const EMPTY = fixedRefusal(
  'INVALID_SECRET',
  'The webhook secret is empty: pass the endpoint secret from your Makini dashboard (check that the environment variable holding it is set).',
);
const NOT_A_STRING = fixedRefusal(
  'INVALID_SECRET',
  'A webhook secret is not a string: pass the endpoint secret (whsec_…) as a string, or an array of them (check that every environment variable holding one is set).',
);
const NOT_BASE64 = fixedRefusal(
  'INVALID_SECRET',
  'The webhook secret is not base64 after its optional "whsec_" prefix, which Standard Webhooks secrets are: copy the whole secret again. A secret for the x-makini-signature header takes `scheme: "legacy"`.',
);
const NONE = fixedRefusal(
  'INVALID_SECRET',
  'No webhook secret was given: pass `secret` (a string, or an array while rotating). If it comes from an environment variable such as MAKINI_WEBHOOK_SECRET, that variable is not set.',
);

/**
 * Key bytes per secret and scheme. Standard Webhooks secrets are base64, with or without the
 * `whsec_` prefix, exactly as the `standardwebhooks` library reads them. Makini's legacy sample
 * keys its HMAC with the endpoint secret as it is written, so there its UTF-8 bytes are the key,
 * `whsec_` and all.
 */
const cache: Record<WebhookScheme, Map<string, Uint8Array>> = {
  standard: new Map(),
  legacy: new Map(),
};

/** The HMAC key of one secret in `scheme`, or why it cannot be one. */
export function secretKey(
  secret: string,
  scheme: WebhookScheme = 'standard',
): Uint8Array | WebhookRefusal {
  if (typeof secret !== 'string') return NOT_A_STRING;
  const keys = cache[scheme];
  let key = keys.get(secret);
  if (key) return key;
  if (secret.length === 0) return EMPTY;
  if (scheme === 'legacy') {
    key = encoder.encode(secret);
  } else {
    key = decodeBase64(secret, secret.startsWith('whsec_') ? 6 : 0);
    if (!key) return NOT_BASE64;
    if (key.length === 0) return EMPTY;
  }
  if (keys.size > 256) keys.clear();
  keys.set(secret, key);
  return key;
}

export function secretList(secret: WebhookSecret): readonly string[] | WebhookRefusal {
  const list = typeof secret === 'string' ? [secret] : secret;
  return Array.isArray(list) && list.length > 0 ? list : NONE;
}

const single: Record<WebhookScheme, Map<string, readonly Uint8Array[]>> = {
  standard: new Map(),
  legacy: new Map(),
};

/**
 * The keys of every secret, in order; one secret's list is cached, as the common case. Refused as
 * a whole when any one is unusable, so a typo in a rotation array shows at once.
 */
export function secretKeys(
  secret: WebhookSecret,
  scheme: WebhookScheme = 'standard',
): readonly Uint8Array[] | WebhookRefusal {
  const cached = typeof secret === 'string' ? single[scheme].get(secret) : undefined;
  if (cached) return cached;
  const secrets = secretList(secret);
  if (secrets instanceof WebhookRefusal) return secrets;
  const keys: Uint8Array[] = [];
  for (const each of secrets) {
    const key = secretKey(each, scheme);
    if (key instanceof WebhookRefusal) return key;
    keys.push(key);
  }
  if (typeof secret === 'string') {
    const lists = single[scheme];
    if (lists.size > 256) lists.clear();
    lists.set(secret, Object.freeze(keys));
  }
  return keys;
}

/** For the signer, where a bad secret is a programming error: throws it. */
export function orThrow<T>(value: T | WebhookRefusal): T {
  if (value instanceof WebhookRefusal) throw value.toError();
  return value;
}
