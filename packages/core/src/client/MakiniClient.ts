import type * as z from 'zod';
import { ClientResources } from '../generated/ClientResources.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import type { BackoffOptions } from './backoff.js';
import type { ClientHooks } from './ClientHooks.js';
import type { RateLimitOptions } from './ClientRateLimiter.js';
import type { RequestInput } from './RequestInput.js';
import { RequestLog } from './RequestLog.js';
import { Transport } from './Transport.js';
import type { GetTokenOptions } from './TransportOptions.js';

export type { ClientHooks } from './ClientHooks.js';
export type { RequestInput, RequestOptions } from './RequestInput.js';

/** What a `MakiniClient` sends with, retries and reports. */
export interface MakiniClientOptions {
  /** Where the API is: Makini's, or a sandbox's `url`. @default 'https://api.makini.io' */
  baseUrl?: string;
  /** A bearer token; or give `getToken`. */
  token?: string;
  /**
   * Called before every attempt; may refresh (see `TokenManager`). An error it throws ends the call
   * at once, unchanged and not retried (a refused refresh is a `ReauthorizationRequiredError`).
   * After a 401 it is asked once more with `{ rejectedToken }`: a different token sends the call
   * again at once (a reconnect or refresh made by another replica), the same one lets the 401 stand.
   */
  getToken?: (options?: GetTokenOptions) => string | Promise<string>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number;
  /**
   * Per attempt: waiting for the token and the client-side rate limiter, the request, and the
   * whole body. No wait between attempts is longer either. @default 60_000
   */
  timeoutMs?: number;
  /**
   * The longest server-given wait (`Retry-After`, `retry-after-ms`, or the `x-ratelimit-reset` of a
   * 429) the client sits out, in the rate limiter and before a retry. A longer one is not waited:
   * the call rejects at once with `RateLimitError` (`retryAfterMs` says how long), and so does
   * every call for this connection until that window passes, or for an hour at most (then one call
   * asks the server again). At most 2^31-1. @default 60_000
   */
  maxRetryAfterMs?: number;
  /**
   * The largest response body read, in bytes, counted as it arrives (after decompression). A larger
   * one is not read: the call rejects with `ResponseTooLargeError` and is not retried.
   * @default 33_554_432 (32 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Client-side limit per connection, corrected by the server's `x-ratelimit-*` headers. Give
   * every replica one shared `store` (`RedisRateLimitStore` from `@makini-kit/redis`) and they
   * spend one budget together, and a 429 seen by one pauses the connection on all; a store that
   * fails rejects the call with `StateStoreError`. @default off
   */
  rateLimit?: RateLimitOptions | false;
  /** Which connection this client's token reaches, to key the rate limiter. @default 'default' */
  connectionKey?: string;
  /** How long to wait between attempts when the server gives no `Retry-After`. @default exponential from 500 ms up to 8 s, with full jitter */
  backoff?: BackoffOptions;
  /** Called for every attempt: logging, metrics. */
  hooks?: ClientHooks;
  /** Entries kept in `client.requestLog`. @default 200 */
  requestLogSize?: number;
  /** Sent as `user-agent` where the runtime allows it. */
  userAgent?: string;
  /**
   * Throw `ValidationError` at the first record that breaks its schema, instead of setting it
   * aside (in `page.invalidRecords`, reported to `hooks.onInvalidRecord`). A list or call can
   * override it. See the README's section on invalid records. @default false: one bad record
   * never fails its page.
   */
  strict?: boolean;
  /**
   * Writes a span per call and an HTTP client span per attempt (route template, status, request
   * id, connection, attempt), with retry and rate-limiter waits as events: pass `openTelemetry()`
   * from `@makini-kit/core/opentelemetry`. The request log then carries each attempt's `traceId`.
   * @default none
   */
  telemetry?: Telemetry;
}

/**
 * The Makini API client: typed resources, typed errors, retries with backoff that honour
 * `Retry-After`, a client-side rate limiter, auto-pagination and a request log. Runs in Node 20+,
 * browsers and edge runtimes (only `fetch`, `AbortController` and `crypto` are used).
 *
 * @example
 * const client = new MakiniClient({ baseUrl: 'https://api.makini.io', token });
 * for await (const order of client.purchaseOrders.list({ perPage: 100 })) console.log(order.orderNo);
 */
export class MakiniClient extends ClientResources {
  /** The API's base URL, as the client calls it. */
  readonly baseUrl: string;
  /** The most recent attempts, newest last: the first thing to read when a call misbehaves. */
  readonly requestLog: RequestLog;
  readonly #connectionKey: string | undefined;
  readonly #transport: Transport;

  /**
   * @param options The token (or `getToken`), where the API is, and how to retry and limit.
   * @throws {TypeError} Without `token` or `getToken`.
   * @throws {RangeError} For a duration, size or limit out of range.
   */
  constructor(options: MakiniClientOptions = {}) {
    super();
    if (options.token === undefined && options.getToken === undefined) {
      throw new TypeError(
        'MakiniClient needs `token` or `getToken`: pass the connection or client token.',
      );
    }
    const { token, getToken } = options;
    this.#connectionKey = options.connectionKey;
    this.requestLog = new RequestLog(options.requestLogSize ?? 200);
    this.#transport = new Transport({
      ...options,
      getToken: getToken ?? (() => token ?? ''),
      requestLog: this.requestLog,
    });
    this.baseUrl = this.#transport.settings.baseUrl;
  }

  /** @deprecated Use `client.application` (`GET /api/system/client`): same methods, a clearer name. */
  get client(): this['application'] {
    return this.application;
  }

  /** Adds hooks (the health monitor learns from the client this way); returns the remover. */
  subscribe(hooks: ClientHooks): () => void {
    return this.#transport.subscribe(hooks);
  }

  /**
   * Sends one API call with retries. Resources use it; call it directly for endpoints the kit does
   * not wrap.
   */
  request<Schema extends z.ZodType | undefined = undefined>(
    input: RequestInput<Schema>,
  ): Promise<Schema extends z.ZodType ? z.output<Schema> : unknown> {
    return this.#transport.request(input);
  }

  /** Describes the client without its token, for `util.inspect` and `JSON.stringify`. */
  toJSON() {
    return {
      /** The API's base URL. */
      baseUrl: this.baseUrl,
      /** The connection, when named. */
      connectionKey: this.#connectionKey,
      /** Always `[redacted]`. */
      token: '[redacted]',
    };
  }

  /** Node's `util.inspect` prints the same, never the token. */
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `MakiniClient ${JSON.stringify(this.toJSON())}`;
  }

  /** Stops the rate limiter's timers. */
  close(): void {
    this.#transport.close();
  }
}
