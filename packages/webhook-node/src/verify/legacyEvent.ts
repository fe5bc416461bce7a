import { readJson, toEvent } from './parseEvent.js';
import type { Prechecked } from './precheck.js';
import { NO_CREATED_AT, windowRefusals } from './refusals.js';
import type {
  RawPayload,
  WebhookSignatureVerification,
  WebhookVerification,
} from './VerifyWebhookOptions.js';
import { WebhookRefusal } from './WebhookRefusal.js';

const SIGNATURE_OK: WebhookSignatureVerification = Object.freeze({ ok: true });

/**
 * After a legacy signature matched: the replay window, then (with `parse`) the event. The legacy
 * signature covers the body alone, with no timestamp header, so the body's `created_at` is the only
 * date a captured delivery carries; without this check it would verify forever. Within the window
 * a replay is the dedupe store's to catch, which is why the handler requires one for this scheme.
 */
export function legacyEvent(
  payload: RawPayload,
  checked: Prechecked,
  parse: boolean,
): WebhookVerification | WebhookSignatureVerification {
  const json = readJson(payload);
  if (json instanceof WebhookRefusal) return json;
  const createdAt =
    typeof json === 'object' && json !== null
      ? (json as { created_at?: unknown }).created_at
      : undefined;
  const created = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  if (Number.isNaN(created)) return NO_CREATED_AT;
  const window = checked.toleranceSeconds * 1000;
  if (created < checked.now - window) {
    return windowRefusals(checked.toleranceSeconds, 'created_at').tooOld;
  }
  if (created > checked.now + window) {
    return windowRefusals(checked.toleranceSeconds, 'created_at').inFuture;
  }
  return parse ? toEvent(json) : SIGNATURE_OK;
}
