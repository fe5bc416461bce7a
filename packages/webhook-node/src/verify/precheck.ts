import { decodeBase64 } from '../encoding/decodeBase64.js';
import { readHeader } from './readHeader.js';
import {
  BAD_ID,
  BAD_LEGACY_SIGNATURE,
  BAD_SIGNATURE,
  BAD_TIMESTAMP,
  MISSING,
  NO_HEADERS,
  notRaw,
  windowRefusals,
} from './refusals.js';
import { secretKeys } from './secrets.js';
import type { RawPayload, VerifyWebhookOptions } from './VerifyWebhookOptions.js';
import { WebhookRefusal } from './WebhookRefusal.js';

/** Standard Webhooks: `v1,` and 32 bytes of base64 (44 characters). */
const SIGNATURE_LENGTH = 47;
const MAX_ID_LENGTH = 256;

/** What the cheap checks established, for the HMAC step: the signed parts and the expected MACs. */
export interface Prechecked {
  scheme: 'standard' | 'legacy';
  keys: readonly Uint8Array[];
  parts: readonly RawPayload[];
  candidates: readonly Uint8Array[];
}

/** 1 to 12 decimal digits as a number, or -1: validates and parses in one pass. */
function parseSeconds(text: string): number {
  if (text.length > 12) return -1;
  let value = 0;
  for (let index = 0; index < text.length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The cheap checks, before any HMAC: payload type, headers, timestamp window, signature syntax,
 * secrets. Synchronous, throws nothing, and allocates nothing for most refusals, so a flood of
 * malformed requests costs almost nothing.
 */
export function precheck(options: VerifyWebhookOptions): Prechecked | WebhookRefusal {
  const { payload, headers } = options;
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) return notRaw(payload);
  if (typeof headers !== 'object' || headers === null) return NO_HEADERS;
  // Secrets are resolved after the headers: a malformed request is refused before any lookup.

  if (options.scheme === 'legacy') {
    const header = readHeader(headers, 'x-makini-signature');
    if (!header) return MISSING['x-makini-signature'];
    const expected = decodeBase64(header.trim());
    if (expected?.length !== 32) return BAD_LEGACY_SIGNATURE;
    const keys = secretKeys(options.secret);
    if (keys instanceof WebhookRefusal) return keys;
    return { scheme: 'legacy', keys, parts: [payload], candidates: [expected] };
  }

  // An unsigned request is the commonest junk: its answer takes one header lookup.
  const signatureHeader = readHeader(headers, 'webhook-signature');
  if (!signatureHeader) return MISSING['webhook-signature'];
  const id = readHeader(headers, 'webhook-id');
  if (!id) return MISSING['webhook-id'];
  const timestampText = readHeader(headers, 'webhook-timestamp');
  if (!timestampText) return MISSING['webhook-timestamp'];
  if (id.length > MAX_ID_LENGTH || id.includes('.')) return BAD_ID;
  const timestamp = parseSeconds(timestampText);
  if (timestamp < 0) return BAD_TIMESTAMP;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (timestamp < now - tolerance) return windowRefusals(tolerance).tooOld;
  if (timestamp > now + tolerance) return windowRefusals(tolerance).inFuture;
  const candidates: Uint8Array[] = [];
  for (let start = 0; start < signatureHeader.length; ) {
    const space = signatureHeader.indexOf(' ', start);
    const end = space === -1 ? signatureHeader.length : space;
    if (end - start === SIGNATURE_LENGTH && signatureHeader.startsWith('v1,', start)) {
      const bytes = decodeBase64(signatureHeader, start + 3, end);
      if (bytes?.length === 32) candidates.push(bytes);
    }
    start = end + 1;
  }
  if (candidates.length === 0) return BAD_SIGNATURE;
  const keys = secretKeys(options.secret);
  if (keys instanceof WebhookRefusal) return keys;
  return { scheme: 'standard', keys, parts: [`${id}.${timestampText}.`, payload], candidates };
}
