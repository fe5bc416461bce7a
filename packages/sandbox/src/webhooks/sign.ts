import { createHmac, randomBytes } from 'node:crypto';

/**
 * A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64.
 *
 * @example
 * const secret = generateWebhookSecret();
 * sandbox.admin.addWebhookEndpoint({ url: 'http://127.0.0.1:3001/webhooks', secret });
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A Standard Webhooks secret is base64, with or without `whsec_`, as `standardwebhooks` reads it. */
function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/**
 * Standard Webhooks headers for a payload: HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed by the
 * base64-decoded secret (`whsec_` optional). Several secrets (during a rotation) give several
 * space-separated signatures.
 *
 * @example
 * const body = JSON.stringify(event);
 * const headers = standardWebhookHeaders(event.id, Math.floor(Date.now() / 1000), body, [secret]);
 * await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
 */
export function standardWebhookHeaders(
  id: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): Record<string, string> {
  const signatures = secrets.map(
    (secret) =>
      `v1,${createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * Makini's legacy scheme, as its published sample computes it: HMAC-SHA256 of the raw body, base64,
 * keyed by the endpoint secret exactly as written (its UTF-8 bytes; a `whsec_` secret is not
 * decoded).
 *
 * @example legacyWebhookHeaders(body, secret); // { 'x-makini-signature': '<base64>' }
 */
export function legacyWebhookHeaders(body: string, secret: string): Record<string, string> {
  return { 'x-makini-signature': createHmac('sha256', secret).update(body).digest('base64') };
}
