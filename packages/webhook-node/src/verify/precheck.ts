import { checkWindow } from './checkWindow.js';
import { DEFAULT_TOLERANCE_SECONDS } from './defaultTolerance.js';
import { isWebhookId } from './headerRules.js';
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

/** HMAC-SHA256 is 32 bytes: 44 characters of padded base64. */
const MAC_BASE64_LENGTH = 44;
/** Standard Webhooks: `v1,` and the MAC in base64. */
const SIGNATURE_LENGTH = 3 + MAC_BASE64_LENGTH;

/**
 * What the cheap checks established, for the HMAC step: the signed parts, and where in
 * `signatures` each expected MAC's 44 characters of base64 start. The legacy scheme also carries
 * the window, checked against the signed body's `created_at` once the signature matched.
 */
export interface Prechecked {
  scheme: 'standard' | 'legacy';
  keys: readonly Uint8Array[];
  parts: readonly RawPayload[];
  signatures: string;
  candidates: readonly number[];
  /** Milliseconds since the epoch. */
  now: number;
  toleranceSeconds: number;
}

/** The 44 characters at `from` end as the base64 of 32 bytes does: one `=`, none before it. */
function isMacShaped(text: string, from: number): boolean {
  return (
    text.charCodeAt(from + MAC_BASE64_LENGTH - 1) === 61 &&
    text.charCodeAt(from + MAC_BASE64_LENGTH - 2) !== 61
  );
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
 * The cheap checks, before any HMAC: payload type, headers, timestamp window, the shape of the
 * signatures, secrets. Synchronous, throws nothing, and allocates nothing for most refusals, so a flood of
 * malformed requests costs almost nothing.
 */
export function precheck(options: VerifyWebhookOptions): Prechecked | WebhookRefusal {
  const { payload, headers } = options;
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) return notRaw(payload);
  if (typeof headers !== 'object' || headers === null) return NO_HEADERS;
  // The window and the secrets are checked after the headers: a malformed request is refused
  // before any of it (a handler checks both when it is made).

  if (options.scheme === 'legacy') {
    const header = readHeader(headers, 'x-makini-signature');
    if (!header) return MISSING['x-makini-signature'];
    const signature = header.trim();
    if (signature.length !== MAC_BASE64_LENGTH || !isMacShaped(signature, 0)) {
      return BAD_LEGACY_SIGNATURE;
    }
    const unusable = checkWindow(options);
    if (unusable) return unusable;
    const keys = secretKeys(options.secret, 'legacy');
    if (keys instanceof WebhookRefusal) return keys;
    return {
      scheme: 'legacy',
      keys,
      parts: [payload],
      signatures: signature,
      candidates: [0],
      now: options.now ?? Date.now(),
      toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS.legacy,
    };
  }

  // An unsigned request is the commonest junk: its answer takes one header lookup.
  const signatureHeader = readHeader(headers, 'webhook-signature');
  if (!signatureHeader) return MISSING['webhook-signature'];
  const id = readHeader(headers, 'webhook-id');
  if (!id) return MISSING['webhook-id'];
  const timestampText = readHeader(headers, 'webhook-timestamp');
  if (!timestampText) return MISSING['webhook-timestamp'];
  if (!isWebhookId(id)) return BAD_ID;
  const timestamp = parseSeconds(timestampText);
  if (timestamp < 0) return BAD_TIMESTAMP;
  const unusable = checkWindow(options);
  if (unusable) return unusable;
  const nowMs = options.now ?? Date.now();
  const now = Math.floor(nowMs / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS.standard;
  if (timestamp < now - tolerance) return windowRefusals(tolerance).tooOld;
  if (timestamp > now + tolerance) return windowRefusals(tolerance).inFuture;
  // Entries are checked for shape here; their base64 is decoded where it is compared, and one that
  // does not decode matches nothing.
  const candidates: number[] = [];
  for (let start = 0; start < signatureHeader.length; ) {
    const space = signatureHeader.indexOf(' ', start);
    const end = space === -1 ? signatureHeader.length : space;
    if (
      end - start === SIGNATURE_LENGTH &&
      signatureHeader.startsWith('v1,', start) &&
      isMacShaped(signatureHeader, start + 3)
    ) {
      candidates.push(start + 3);
    }
    start = end + 1;
  }
  if (candidates.length === 0) return BAD_SIGNATURE;
  const keys = secretKeys(options.secret);
  if (keys instanceof WebhookRefusal) return keys;
  return {
    scheme: 'standard',
    keys,
    parts: [`${id}.${timestampText}.`, payload],
    signatures: signatureHeader,
    candidates,
    now: nowMs,
    toleranceSeconds: tolerance,
  };
}
