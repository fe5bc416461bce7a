import { createHmac, randomBytes } from 'node:crypto';

/** A new Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function secretBytes(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice(6), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * Standard Webhooks headers for a payload: HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed by the
 * base64-decoded secret. Several secrets (during a rotation) give several space-separated signatures.
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

/** Makini's legacy scheme: HMAC-SHA256 of the raw body, base64, keyed by the endpoint secret as text. */
export function legacyWebhookHeaders(body: string, secret: string): Record<string, string> {
  return { 'x-makini-signature': createHmac('sha256', secret).update(body).digest('base64') };
}
