import { WebhookEvent } from '@makini-kit/core';
import type { RawPayload, WebhookVerification } from './VerifyWebhookOptions.js';
import { WebhookRefusal } from './WebhookRefusal.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The JSON of a payload whose signature was verified, or why it is not JSON. */
export function readJson(payload: RawPayload): unknown {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : decoder.decode(payload);
  } catch (cause) {
    return new WebhookRefusal('INVALID_PAYLOAD', 'The payload is not valid UTF-8.', { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    return new WebhookRefusal('INVALID_PAYLOAD', 'The payload is not valid JSON.', { cause });
  }
}

/** Schema-checks authentic JSON as an event. */
export function toEvent(json: unknown): WebhookVerification {
  const result = WebhookEvent.safeParse(json);
  if (result.success) return { ok: true, event: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  return new WebhookRefusal(
    'SCHEMA_MISMATCH',
    `The event does not match the schema at ${where}: ${issue?.message}. Upgrade @makini-kit/webhook-node if Makini added an event type.`,
    { cause: result.error, event: json },
  );
}

/** Reads and schema-checks a payload whose signature was verified. */
export function parseEvent(payload: RawPayload): WebhookVerification {
  const json = readJson(payload);
  return json instanceof WebhookRefusal ? json : toEvent(json);
}
