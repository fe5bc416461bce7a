import type { RequestOptions } from '../RequestInput.js';

/** Only the transport's options, so list parameters never leak into a request by name. */
export function requestOptions(options: RequestOptions): RequestOptions {
  return {
    signal: options.signal,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    headers: options.headers,
    idempotencyKey: options.idempotencyKey,
  };
}
