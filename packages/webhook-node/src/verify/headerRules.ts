/**
 * What a `webhook-id` and a `webhook-timestamp` may be, for the signer and the verifier alike: a
 * delivery one signs, the other must accept.
 */

const MAX_ID_LENGTH = 256;
/** Twelve digits: what the verifier reads as a timestamp. */
const MAX_TIMESTAMP = 999_999_999_999;

/**
 * 1 to 256 characters without ".". The signed content is `${id}.${timestamp}.${body}`: with a "."
 * in the id, the same bytes split into another id, timestamp and body, and one signature would
 * cover both.
 */
export function isWebhookId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH && !id.includes('.');
}

/** Whole seconds since the epoch, as at most twelve digits. */
export function isWebhookTimestamp(seconds: unknown): seconds is number {
  return (
    Number.isSafeInteger(seconds) &&
    (seconds as number) >= 0 &&
    (seconds as number) <= MAX_TIMESTAMP
  );
}
