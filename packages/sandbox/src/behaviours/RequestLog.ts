/** One API call as the sandbox saw it. Secrets in headers are redacted before they are stored. */
export interface RequestLogEntry {
  /** The `x-request-id` the sandbox answered with. */
  requestId: string;
  /** The HTTP method. */
  method: string;
  /** Path and query. */
  path: string;
  /** The status answered. */
  status: number;
  /** How long the answer took, in ms. */
  durationMs: number;
  /** When the request arrived (ISO 8601). */
  at: string;
  /** The connection the token belongs to, for a connection's call. */
  connectionKey?: string;
  /** The fault injected into it, if any. */
  fault?: string;
  /** The request's headers, credentials redacted (`Bearer [redacted]`). */
  headers: Record<string, string>;
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);

/** Replaces every secret header value, keeping the scheme (`Bearer [redacted]`) for debugging. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>) {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    redacted[name] = SECRET_HEADERS.has(name.toLowerCase())
      ? text.replace(
          /^(\w+\s+)?.*$/,
          (_, scheme: string | undefined) => `${scheme ?? ''}[redacted]`,
        )
      : text;
  }
  return redacted;
}
