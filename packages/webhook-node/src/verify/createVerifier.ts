import { WebhookEvent } from '@makini-kit/core';
import type { HmacProvider } from '../crypto/HmacProvider.js';
import { decodeBase64 } from '../encoding/decodeBase64.js';
import { readHeader, type WebhookHeaders } from './readHeader.js';
import { secretKeys, type WebhookSecret } from './secrets.js';
import { fixedRefusal, WebhookRefusal } from './WebhookRefusal.js';

/** Raw request body: exactly the bytes that were signed. */
export type RawPayload = string | Uint8Array;

export interface VerifyWebhookOptions {
  /** The raw body, as received: never `JSON.parse`d and re-serialized. */
  payload: RawPayload;
  headers: WebhookHeaders;
  /** The endpoint secret (`whsec_…`), or several while rotating. */
  secret: WebhookSecret;
  /** How far the timestamp may be from now, either way. @default 300 */
  toleranceSeconds?: number;
  /** `standard` (Standard Webhooks headers) or Makini's `legacy` body HMAC. @default 'standard' */
  scheme?: 'standard' | 'legacy';
  /** Current time, for tests. @default Date.now() */
  now?: number;
}

/** Standard Webhooks: `v1,` and 32 bytes of base64 (44 characters). */
const SIGNATURE_LENGTH = 47;
const MAX_ID_LENGTH = 256;
const RAW_BODY_HELP =
  'Pass the raw request body (string or Buffer) as it arrived. Express: mount the handler before ' +
  'express.json(), or use express.raw({ type: "application/json" }). Fastify: use the plugin from ' +
  'this package, which registers a raw-body parser. Next.js / Hono / fetch: `await request.text()`.';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** What `safeVerifyWebhook` returns: the event, or why it was refused. */
export type WebhookVerification =
  | { readonly ok: true; readonly event: WebhookEvent }
  | WebhookRefusal;
/** What `safeVerifyWebhookSignature` returns. */
export type WebhookSignatureVerification = { readonly ok: true } | WebhookRefusal;

const SIGNATURE_OK: WebhookSignatureVerification = Object.freeze({ ok: true });

const missing = (name: string) =>
  fixedRefusal(
    'MISSING_HEADER',
    `The ${name} header is missing: is this request from Makini, and does your proxy forward all headers?`,
  );
const MISSING = {
  'webhook-id': missing('webhook-id'),
  'webhook-timestamp': missing('webhook-timestamp'),
  'webhook-signature': missing('webhook-signature'),
  'x-makini-signature': missing('x-makini-signature'),
};
const NO_HEADERS = fixedRefusal(
  'MISSING_HEADER',
  'No headers were passed: pass the request headers as your framework gives them (req.headers, request.headers).',
);
const BAD_LEGACY_SIGNATURE = fixedRefusal(
  'INVALID_HEADER',
  'x-makini-signature is not a base64 HMAC-SHA256 (44 characters).',
);
const BAD_ID = fixedRefusal('INVALID_HEADER', 'webhook-id is too long or contains ".".');
const BAD_TIMESTAMP = fixedRefusal(
  'INVALID_HEADER',
  'webhook-timestamp must be whole seconds since the epoch.',
);
const BAD_SIGNATURE = fixedRefusal(
  'INVALID_HEADER',
  'webhook-signature has no "v1,<base64>" entry.',
);
const NO_MATCH = fixedRefusal(
  'NO_MATCHING_SIGNATURE',
  'No signature matches the secret: check the endpoint secret, and pass the raw body (not re-serialized JSON).',
);
const NO_LEGACY_MATCH = fixedRefusal(
  'NO_MATCHING_SIGNATURE',
  'No secret produces x-makini-signature: check the secret, and verify the raw body, not re-serialized JSON.',
);

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

/** The two timestamp refusals for one tolerance (nearly always the default), built once. */
const windows = new Map<number, { tooOld: WebhookRefusal; inFuture: WebhookRefusal }>();

function windowRefusals(tolerance: number) {
  let refusals = windows.get(tolerance);
  if (!refusals) {
    refusals = {
      tooOld: fixedRefusal(
        'TIMESTAMP_TOO_OLD',
        `webhook-timestamp is more than ${tolerance} s old: a replay, or this server's clock is behind (sync it with NTP).`,
      ),
      inFuture: fixedRefusal(
        'TIMESTAMP_IN_FUTURE',
        `webhook-timestamp is more than ${tolerance} s ahead: this server's clock is behind the sender's (sync it with NTP).`,
      ),
    };
    if (windows.size >= 16) windows.clear();
    windows.set(tolerance, refusals);
  }
  return refusals;
}

function notRaw(payload: unknown): WebhookRefusal {
  return new WebhookRefusal(
    'PAYLOAD_NOT_RAW',
    `The payload is ${payload === null ? 'null' : typeof payload}, not the raw body: signatures cover the exact bytes. ${RAW_BODY_HELP}`,
  );
}

/** Reads and schema-checks a payload whose signature was verified. */
function parseEvent(payload: RawPayload): WebhookVerification {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : decoder.decode(payload);
  } catch (cause) {
    return new WebhookRefusal('INVALID_PAYLOAD', 'The payload is not valid UTF-8.', { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return new WebhookRefusal('INVALID_PAYLOAD', 'The payload is not valid JSON.', { cause });
  }
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

/** What the cheap checks established, for the HMAC step. */
/** What the cheap checks established, for the HMAC step: the signed parts and the expected MACs. */
interface Prechecked {
  scheme: 'standard' | 'legacy';
  keys: readonly Uint8Array[];
  parts: readonly RawPayload[];
  candidates: readonly Uint8Array[];
}

/** After a signature matched (`refused` undefined): the event, or only `{ ok: true }`. */
function conclude(
  refused: WebhookRefusal | undefined,
  payload: RawPayload,
  parse: boolean,
): WebhookVerification | WebhookSignatureVerification {
  return refused ?? (parse ? parseEvent(payload) : SIGNATURE_OK);
}

/**
 * Builds the verifier on an HMAC implementation. Every step returns a {@link WebhookRefusal}
 * instead of throwing, and stays synchronous while the HMAC does (node:crypto): the same code is
 * the synchronous `safeVerifyWebhook` on Node and the async `verifyWebhook` everywhere.
 */
export function createVerifier(hmac: HmacProvider) {
  /**
   * The cheap checks, before any HMAC: payload type, headers, timestamp window, signature syntax,
   * secrets. Synchronous, throws nothing, and allocates nothing for most refusals, so a flood of
   * malformed requests costs almost nothing.
   */
  function precheck(options: VerifyWebhookOptions): Prechecked | WebhookRefusal {
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

  function matches(checked: Prechecked, digest: Uint8Array): boolean {
    for (const candidate of checked.candidates) if (hmac.equal(digest, candidate)) return true;
    return false;
  }

  /**
   * The HMAC step, after {@link precheck}: tries each secret in turn. `undefined` when one
   * matches. Synchronous while the HMAC is; continues asynchronously from the first digest that
   * is a promise.
   */
  function checkSignature(
    checked: Prechecked,
    from = 0,
  ): WebhookRefusal | undefined | Promise<WebhookRefusal | undefined> {
    for (let index = from; index < checked.keys.length; index++) {
      const digest = hmac.sign(checked.keys[index] as Uint8Array, checked.parts);
      if (digest instanceof Promise) {
        return digest.then((value) =>
          matches(checked, value) ? undefined : checkSignature(checked, index + 1),
        );
      }
      if (matches(checked, digest)) return undefined;
    }
    return checked.scheme === 'legacy' ? NO_LEGACY_MATCH : NO_MATCH;
  }

  /** Precheck, HMAC and (with `parse`) the event: the whole verification as a value. */
  function verify(options: VerifyWebhookOptions, parse: true): MaybePromise<WebhookVerification>;
  function verify(
    options: VerifyWebhookOptions,
    parse: false,
  ): MaybePromise<WebhookSignatureVerification>;
  function verify(
    options: VerifyWebhookOptions,
    parse: boolean,
  ): MaybePromise<WebhookVerification | WebhookSignatureVerification> {
    const checked = precheck(options);
    if (checked instanceof WebhookRefusal) return checked;
    const outcome = checkSignature(checked);
    return outcome instanceof Promise
      ? outcome.then((refused) => conclude(refused, options.payload, parse))
      : conclude(outcome, options.payload, parse);
  }

  /**
   * Checks headers, timestamp and signature only, without reading the payload: for forwarding the
   * raw bytes to a queue.
   *
   * @throws {WebhookVerificationError} with a `code` saying why
   */
  function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<void> {
    try {
      return settle(verify(options, false), () => undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Verifies a webhook and returns its typed, schema-checked event.
   *
   * @throws {WebhookVerificationError} with a `code` saying why
   * @example
   * const event = await verifyWebhook({ payload: rawBody, headers: request.headers, secret: process.env.MAKINI_WEBHOOK_SECRET });
   * if (event.type === 'connection.reauthorization_required') await notifyCustomer(event.connection_id);
   */
  function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
    try {
      return settle(verify(options, true), (verified) => verified.event);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return { verify, verifyWebhook, verifyWebhookSignature };
}

type MaybePromise<T> = T | Promise<T>;

/**
 * A verification as a promise: rejected with the refusal's Error, or resolved with `value` of the
 * success. Not an `async` function: a synchronous (node:crypto) result settles the promise at
 * once, without the extra turns an `await` would take.
 */
function settle<Verification extends { ok: boolean }, Value>(
  result: MaybePromise<Verification | WebhookRefusal>,
  value: (verified: Exclude<Verification, WebhookRefusal>) => Value,
): Promise<Value> {
  if (result instanceof Promise) return result.then((settled) => settle(settled, value));
  if (result instanceof WebhookRefusal) return Promise.reject(result.toError());
  return Promise.resolve(value(result as Exclude<Verification, WebhookRefusal>));
}

export type Verifier = ReturnType<typeof createVerifier>;
