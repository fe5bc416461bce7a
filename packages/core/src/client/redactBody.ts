import { REDACTED, redactKnown, redactText, SECRET_NAME } from './redact.js';

/** How hard to look in a body. */
export interface BodyRedaction {
  /** Values no copy may hold: the token, the client secret, a code, a refresh token. */
  secrets: ReadonlyArray<string | null | undefined>;
  /**
   * The body itself carries secrets (the token endpoint's answer): the string or object under any
   * key that names a secret is replaced whole, and strings get the text patterns of `redactText`.
   * Numbers, booleans and `null` stay, so the shape that broke a schema still shows.
   */
  secretBody?: boolean;
  /** Strings get the text patterns of `redactText` too (error bodies: their messages are quoted). */
  patterns?: boolean;
}

const MAX_DEPTH = 32;

/**
 * A copy of a parsed body that is safe to keep on an error, where a logger, a hook or a crash print
 * may show it. Plain data in, plain data out (JSON-shaped).
 */
export function redactBody(value: unknown, redaction: BodyRedaction, depth = 0): unknown {
  const { secrets, secretBody = false, patterns = secretBody } = redaction;
  if (typeof value === 'string') {
    return patterns ? redactText(value, secrets) : redactKnown(value, secrets);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return secrets.includes(String(value)) ? REDACTED : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactBody(item, redaction, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const hidden =
      secretBody && SECRET_NAME.test(key) && (typeof item === 'string' || typeof item === 'object');
    copy[key] = hidden && item !== null ? REDACTED : redactBody(item, redaction, depth + 1);
  }
  return copy;
}
