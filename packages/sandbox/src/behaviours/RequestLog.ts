/** One API call as the sandbox saw it. Secrets in headers are redacted before they are stored. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  at: string;
  connectionKey?: string;
  fault?: string;
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
