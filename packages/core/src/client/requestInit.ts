import type { RequestInput } from './RequestInput.js';

/**
 * The `fetch` options of one attempt: JSON (or a form, for a `URLSearchParams` body), the bearer
 * token when there is one, and the caller's headers last so they can override.
 */
export function requestInit(
  input: Omit<RequestInput<undefined>, 'schema'>,
  token: string | undefined,
  userAgent: string | undefined,
  signal: AbortSignal,
): RequestInit {
  const form = input.body instanceof URLSearchParams;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(userAgent ? { 'user-agent': userAgent } : {}),
    ...(input.idempotencyKey ? { 'idempotency-key': input.idempotencyKey } : {}),
    ...(input.body === undefined
      ? {}
      : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
    ...input.headers,
  };
  let body: string | null = null;
  if (form) body = String(input.body);
  else if (input.body !== undefined) body = JSON.stringify(input.body);
  return { method: input.method, headers, body, signal };
}
