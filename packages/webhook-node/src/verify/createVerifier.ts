import { WebhookEvent } from '@makini-kit/core';
import type { HmacProvider } from '../crypto/HmacProvider.js';
import { readHeader, type WebhookHeaders } from './readHeader.js';
import { secretKey, secretList, type WebhookSecret } from './secrets.js';
import {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './WebhookVerificationError.js';

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
const SIGNATURE = /^v1,([A-Za-z0-9+/]{43}=)$/;
const TIMESTAMP = /^\d{1,12}$/;
const MAX_ID_LENGTH = 256;
const RAW_BODY_HELP =
  'Pass the raw request body (string or Buffer) as it arrived. Express: mount the handler before ' +
  'express.json(), or use express.raw({ type: "application/json" }). Fastify: use the plugin from ' +
  'this package, which registers a raw-body parser. Next.js / Hono / fetch: `await request.text()`.';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A refusal as the cheap checks throw it: a plain object, not an Error, because building an Error
 * costs more than all the checks together. It becomes a `WebhookVerificationError` at the API edge.
 */
export class Refusal {
  constructor(
    readonly code: WebhookVerificationErrorCode,
    readonly message: string,
  ) {}

  toError(): WebhookVerificationError {
    return WebhookVerificationError.refusal(this.code, this.message);
  }
}

function refuse(code: WebhookVerificationErrorCode, message: string): never {
  throw new Refusal(code, message);
}

/** Runs `step`, turning a thrown {@link Refusal} into a `WebhookVerificationError`. */
function orError<T>(step: () => T): T {
  try {
    return step();
  } catch (caught) {
    throw caught instanceof Refusal ? caught.toError() : caught;
  }
}

function requireHeader(headers: WebhookHeaders, name: string): string {
  const value = readHeader(headers, name);
  if (value === undefined || value === '') {
    refuse(
      'MISSING_HEADER',
      `The ${name} header is missing: is this request from Makini, and does your proxy forward all headers?`,
    );
  }
  return value;
}

function checkPayload(payload: unknown): asserts payload is RawPayload {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return;
  refuse(
    'PAYLOAD_NOT_RAW',
    `The payload is ${payload === null ? 'null' : typeof payload}, not the raw body: signatures cover the exact bytes. ${RAW_BODY_HELP}`,
  );
}

/** Reads and schema-checks a payload whose signature was verified. */
function parseEvent(payload: RawPayload): WebhookEvent {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : decoder.decode(payload);
  } catch (cause) {
    throw WebhookVerificationError.refusal('INVALID_PAYLOAD', 'The payload is not valid UTF-8.', {
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw WebhookVerificationError.refusal('INVALID_PAYLOAD', 'The payload is not valid JSON.', {
      cause,
    });
  }
  const result = WebhookEvent.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw WebhookVerificationError.refusal(
      'SCHEMA_MISMATCH',
      `The event does not match the schema at ${where}: ${issue?.message}. Upgrade @makini-kit/webhook-node if Makini added an event type.`,
      { cause: result.error, event: json },
    );
  }
  return result.data;
}

/** What the cheap checks established, for the HMAC step. */
type Prechecked =
  | { scheme: 'legacy'; expected: Uint8Array }
  | { scheme: 'standard'; prefix: string; candidates: Uint8Array[] };

/** Builds `verifyWebhook` and `verifyWebhookSignature` on an HMAC implementation (node:crypto or WebCrypto). */
export function createVerifier(hmac: HmacProvider) {
  /**
   * The cheap checks, synchronous and before any HMAC: payload type, secrets, headers, timestamp
   * window, signature syntax. Throws a {@link Refusal}: no Error is built and no promise is
   * rejected, so a flood of malformed requests costs almost nothing.
   */
  function precheck(options: VerifyWebhookOptions): Prechecked {
    const { payload, headers } = options;
    checkPayload(payload);
    secretList(options.secret);

    if (options.scheme === 'legacy') {
      const expected = hmac.fromBase64(requireHeader(headers, 'x-makini-signature').trim());
      if (expected?.length !== 32) {
        refuse('INVALID_HEADER', 'x-makini-signature is not a base64 HMAC-SHA256 (44 characters).');
      }
      return { scheme: 'legacy', expected };
    }

    const id = requireHeader(headers, 'webhook-id');
    const timestampText = requireHeader(headers, 'webhook-timestamp');
    const signatureHeader = requireHeader(headers, 'webhook-signature');
    if (id.length > MAX_ID_LENGTH || id.includes('.')) {
      refuse('INVALID_HEADER', 'webhook-id is too long or contains ".".');
    }
    if (!TIMESTAMP.test(timestampText)) {
      refuse('INVALID_HEADER', 'webhook-timestamp must be whole seconds since the epoch.');
    }
    const timestamp = Number(timestampText);
    const now = Math.floor((options.now ?? Date.now()) / 1000);
    const tolerance = options.toleranceSeconds ?? 300;
    if (timestamp < now - tolerance) {
      refuse(
        'TIMESTAMP_TOO_OLD',
        `webhook-timestamp is more than ${tolerance} s old: a replay, or this server's clock is behind (sync it with NTP).`,
      );
    }
    if (timestamp > now + tolerance) {
      refuse(
        'TIMESTAMP_IN_FUTURE',
        `webhook-timestamp is more than ${tolerance} s ahead: this server's clock is behind the sender's (sync it with NTP).`,
      );
    }
    const candidates: Uint8Array[] = [];
    for (const entry of signatureHeader.split(' ')) {
      const match = SIGNATURE.exec(entry);
      const bytes = match?.[1] ? hmac.fromBase64(match[1]) : undefined;
      if (bytes?.length === 32) candidates.push(bytes);
    }
    if (candidates.length === 0) {
      refuse('INVALID_HEADER', 'webhook-signature has no "v1,<base64>" entry.');
    }
    return { scheme: 'standard', prefix: `${id}.${timestampText}.`, candidates };
  }

  /** The HMAC step, after {@link precheck}. */
  async function checkSignature(checked: Prechecked, options: VerifyWebhookOptions): Promise<void> {
    const { payload } = options;
    for (const secret of secretList(options.secret)) {
      const key = secretKey(secret, hmac);
      if (checked.scheme === 'legacy') {
        const signed = hmac.sign(key, [payload]);
        if (hmac.equal(signed instanceof Promise ? await signed : signed, checked.expected)) return;
        continue;
      }
      // node:crypto signs synchronously: awaiting only a real promise saves a microtask per check.
      const signed = hmac.sign(key, [checked.prefix, payload]);
      const expected = signed instanceof Promise ? await signed : signed;
      for (const candidate of checked.candidates) {
        if (hmac.equal(expected, candidate)) return;
      }
    }
    throw WebhookVerificationError.refusal(
      'NO_MATCHING_SIGNATURE',
      checked.scheme === 'legacy'
        ? 'No secret produces x-makini-signature: check the secret, and verify the raw body, not re-serialized JSON.'
        : 'No signature matches the secret: check the endpoint secret, and pass the raw body (not re-serialized JSON).',
    );
  }

  /**
   * Checks headers, timestamp and signature only, without reading the payload: for forwarding the
   * raw bytes to a queue.
   *
   * @throws {WebhookVerificationError} with a `code` saying why
   */
  async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<void> {
    await checkSignature(
      orError(() => precheck(options)),
      options,
    );
  }

  /**
   * Verifies a webhook and returns its typed, schema-checked event.
   *
   * @throws {WebhookVerificationError} with a `code` saying why
   * @example
   * const event = await verifyWebhook({ payload: rawBody, headers: request.headers, secret: process.env.MAKINI_WEBHOOK_SECRET });
   * if (event.type === 'connection.reauthorization_required') await notifyCustomer(event.connection_id);
   */
  async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
    await checkSignature(
      orError(() => precheck(options)),
      options,
    );
    return parseEvent(options.payload);
  }

  /** For the handler: the rest of {@link verifyWebhook} after a synchronous {@link precheck}. */
  async function verifyPrechecked(
    checked: Prechecked,
    options: VerifyWebhookOptions,
  ): Promise<WebhookEvent> {
    await checkSignature(checked, options);
    return parseEvent(options.payload);
  }

  return { verifyWebhook, verifyWebhookSignature, precheck, verifyPrechecked };
}

export type Verifier = ReturnType<typeof createVerifier>;
