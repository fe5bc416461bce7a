import { fixedRefusal, WebhookRefusal } from './WebhookRefusal.js';

// Refusals with a fixed reason, built once: refusing a flood of malformed requests allocates nothing.

const RAW_BODY_HELP =
  'Pass the raw request body (string or Buffer) as it arrived. Express: mount the handler before ' +
  'express.json(), or use express.raw({ type: "application/json" }). Fastify: use the plugin from ' +
  'this package, which registers a raw-body parser. Next.js / Hono / fetch: `await request.text()`.';

const missing = (name: string) =>
  fixedRefusal(
    'MISSING_HEADER',
    `The ${name} header is missing: is this request from Makini, and does your proxy forward all headers?`,
  );
export const MISSING = {
  'webhook-id': missing('webhook-id'),
  'webhook-timestamp': missing('webhook-timestamp'),
  'webhook-signature': missing('webhook-signature'),
  'x-makini-signature': missing('x-makini-signature'),
};
export const NO_HEADERS = fixedRefusal(
  'MISSING_HEADER',
  'No headers were passed: pass the request headers as your framework gives them (req.headers, request.headers).',
);
export const BAD_LEGACY_SIGNATURE = fixedRefusal(
  'INVALID_HEADER',
  'x-makini-signature is not a base64 HMAC-SHA256 (44 characters).',
);
export const BAD_ID = fixedRefusal(
  'INVALID_HEADER',
  'webhook-id must be 1 to 256 characters without ".": the signature covers id, timestamp and body joined by ".", so a "." would let one signature cover another id.',
);
export const BAD_TIMESTAMP = fixedRefusal(
  'INVALID_HEADER',
  'webhook-timestamp must be whole seconds since the epoch (at most 12 digits).',
);
export const BAD_SIGNATURE = fixedRefusal(
  'INVALID_HEADER',
  'webhook-signature has no "v1,<base64>" entry.',
);
export const NO_MATCH = fixedRefusal(
  'NO_MATCHING_SIGNATURE',
  'No signature matches the secret: check the endpoint secret, and pass the raw body (not re-serialized JSON).',
);
export const NO_LEGACY_MATCH = fixedRefusal(
  'NO_MATCHING_SIGNATURE',
  'No secret produces x-makini-signature: check the secret, and verify the raw body, not re-serialized JSON.',
);

/** Where a delivery's time comes from: the Standard Webhooks header, or the legacy body. */
type TimeSource = 'webhook-timestamp' | 'created_at';

/** The two timestamp refusals for one tolerance (nearly always the default), built once. */
const windows = new Map<string, { tooOld: WebhookRefusal; inFuture: WebhookRefusal }>();

export function windowRefusals(tolerance: number, source: TimeSource = 'webhook-timestamp') {
  const key = `${source} ${tolerance}`;
  let refusals = windows.get(key);
  if (!refusals) {
    const what =
      source === 'created_at'
        ? "The signed body's created_at (the legacy scheme's only timestamp)"
        : 'webhook-timestamp';
    refusals = {
      tooOld: fixedRefusal(
        'TIMESTAMP_TOO_OLD',
        `${what} is more than ${tolerance} s old: a replay, or this server's clock is behind (sync it with NTP).`,
      ),
      inFuture: fixedRefusal(
        'TIMESTAMP_IN_FUTURE',
        `${what} is more than ${tolerance} s ahead: this server's clock is behind the sender's (sync it with NTP).`,
      ),
    };
    if (windows.size >= 16) windows.clear();
    windows.set(key, refusals);
  }
  return refusals;
}

export const NO_CREATED_AT = fixedRefusal(
  'INVALID_PAYLOAD',
  "The legacy x-makini-signature has no timestamp of its own, so the signed body's created_at dates the delivery for the replay window; this body has no created_at date.",
);

const shown = (value: unknown) =>
  typeof value === 'number' ? String(value) : `a ${value === null ? 'null' : typeof value}`;

/** `toleranceSeconds` is unusable; every comparison with NaN is false, which would open the window. */
export function badTolerance(value: unknown): WebhookRefusal {
  const hint = Number.isNaN(value)
    ? ' (Number() of an unset environment variable is NaN.)'
    : typeof value === 'string'
      ? ' (Convert it with Number(), and check the result.)'
      : '';
  return new WebhookRefusal(
    'INVALID_OPTIONS',
    `toleranceSeconds is ${shown(value)}: pass a finite number of seconds ≥ 0, or leave it out for the default (300; 90000 in the legacy scheme).${hint}`,
  );
}

/** `now` is unusable, which would open the window as a NaN tolerance does. */
export function badNow(value: unknown): WebhookRefusal {
  return new WebhookRefusal(
    'INVALID_OPTIONS',
    `now is ${shown(value)}: pass milliseconds since the epoch as a finite number, or leave it out for Date.now().`,
  );
}

/** A payload that is not the raw body; its message names the fix for each framework. */
export function notRaw(payload: unknown): WebhookRefusal {
  return new WebhookRefusal(
    'PAYLOAD_NOT_RAW',
    `The payload is ${payload === null ? 'null' : typeof payload}, not the raw body: signatures cover the exact bytes. ${RAW_BODY_HELP}`,
  );
}
