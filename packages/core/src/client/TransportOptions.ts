import type { Telemetry } from '../telemetry/Telemetry.js';
import type { BackoffOptions } from './backoff.js';
import type { ClientHooks } from './ClientHooks.js';
import type { RateLimitOptions } from './ClientRateLimiter.js';
import type { RequestLog } from './RequestLog.js';
import { checkDuration, MAX_TIMEOUT_MS } from './timers.js';

/** What `getToken` is told: after a 401, the token that was refused. */
export interface GetTokenOptions {
  /**
   * The token a 401 just refused. Return the token to send now: when it differs (another replica
   * refreshed or reconnected), the call is sent again with it at once (once per call, not counted
   * as a retry); when it is the same, the 401 stands.
   */
  rejectedToken?: string | undefined;
}

/** How every call is sent: what `MakiniClient` and the Link token calls share. */
export interface TransportOptions {
  /** @default 'https://api.makini.io' */
  baseUrl?: string | undefined;
  /**
   * The bearer token for each attempt; without it no `Authorization` header is sent. After a 401 it
   * is asked once more with `{ rejectedToken }`.
   */
  getToken?: ((options?: GetTokenOptions) => string | Promise<string>) | undefined;
  /** @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number | undefined;
  /**
   * Per attempt: waiting for the token and the client-side rate limiter, the request, and the
   * whole body. Also the longest any wait between attempts may be. @default 60_000
   */
  timeoutMs?: number | undefined;
  /**
   * The longest server-given wait (`Retry-After`, `x-ratelimit-reset`) the client sits out, in the
   * limiter and before a retry. A longer one is not waited: the call rejects at once with
   * `RateLimitError` (its `retryAfterMs` says how long), and so does every call for the connection
   * until that window passes, or for an hour at most (then one call asks the server again).
   * @default 60_000
   */
  maxRetryAfterMs?: number | undefined;
  /** A larger response body is not read: the call rejects with `ResponseTooLargeError`. @default 33_554_432 (32 MiB) */
  maxResponseBytes?: number | undefined;
  /**
   * Client-side limit per connection, corrected by the server's `x-ratelimit-*` headers; with a
   * shared `store`, one budget for every replica. @default off
   */
  rateLimit?: RateLimitOptions | false | undefined;
  /** Which connection the token reaches, to key the rate limiter. @default 'default' */
  connectionKey?: string | undefined;
  backoff?: BackoffOptions | undefined;
  hooks?: ClientHooks | undefined;
  /** Where attempts are logged. @default a new `RequestLog` of 200 entries */
  requestLog?: RequestLog | undefined;
  /** Sent as `user-agent` where the runtime allows it. */
  userAgent?: string | undefined;
  /**
   * Throw `ValidationError` at the first record that breaks its schema, instead of setting it
   * aside in `page.invalidRecords` (lists) or marking it (`invalidRecordOf`, single records).
   * A list or get call's own `strict` wins. @default false
   */
  strict?: boolean | undefined;
  /** Spans for every call and attempt (`openTelemetry()` from `@makini-kit/core/opentelemetry`). @default none */
  telemetry?: Telemetry | undefined;
}

/** The options with their defaults, checked once. */
export interface TransportSettings {
  baseUrl: string;
  fetch: typeof fetch;
  maxRetries: number;
  timeoutMs: number;
  maxRetryAfterMs: number;
  maxResponseBytes: number;
  connectionKey: string;
  strict: boolean;
}

/** 32 MiB: a page of 1,000 purchase orders with line items is well under a tenth of it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Checks a count or duration an option gives, naming the option and what it must be. */
export function checkNumber(
  name: string,
  value: number,
  { min, max, integer = true }: { min: number; max: number; integer?: boolean },
): number {
  const kind = min > 0 ? 'a positive integer' : 'a non-negative integer';
  if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be ${kind}, got ${String(value)}.`);
  }
  if (value < min || value > max) {
    throw new RangeError(`${name} must be ${kind} from ${min} to ${max}, got ${value}.`);
  }
  return value;
}

export function resolveSettings(options: TransportOptions): TransportSettings {
  // Backoff waits reach a timer: NaN or Infinity there would retry at once.
  if (options.backoff?.initialDelayMs !== undefined) {
    checkDuration('backoff.initialDelayMs', options.backoff.initialDelayMs, 0);
  }
  if (options.backoff?.maxDelayMs !== undefined) {
    checkDuration('backoff.maxDelayMs', options.backoff.maxDelayMs, 0);
  }
  const { telemetry } = options;
  if (
    telemetry !== undefined &&
    (typeof telemetry?.startSpan !== 'function' || typeof telemetry.withSpan !== 'function')
  ) {
    throw new TypeError(
      "telemetry must be a Telemetry (startSpan and withSpan): pass openTelemetry() from '@makini-kit/core/opentelemetry'.",
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function')
    throw new TypeError('No fetch available: pass `fetch` to MakiniClient.');
  return {
    baseUrl: (options.baseUrl ?? 'https://api.makini.io').replace(/\/+$/, ''),
    fetch: fetchImpl,
    maxRetries: checkNumber('maxRetries', options.maxRetries ?? 2, { min: 0, max: 100 }),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs ?? 60_000, {
      min: 1,
      max: MAX_TIMEOUT_MS,
    }),
    maxRetryAfterMs: checkNumber('maxRetryAfterMs', options.maxRetryAfterMs ?? 60_000, {
      min: 0,
      max: MAX_TIMEOUT_MS,
    }),
    maxResponseBytes: checkNumber(
      'maxResponseBytes',
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      { min: 1, max: Number.MAX_SAFE_INTEGER },
    ),
    connectionKey: options.connectionKey ?? 'default',
    strict: options.strict ?? false,
  };
}
