import type * as z from 'zod';
import { errorFromResponse } from '../errors/errorFromResponse.js';
import {
  AbortError,
  ConnectionError,
  MakiniApiError,
  MakiniError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '../errors/MakiniError.js';
import { type BackoffOptions, parseRetryAfter, retryDelay } from './backoff.js';
import { ClientRateLimiter, type RateLimitOptions } from './ClientRateLimiter.js';
import { RequestLog, type RequestLogEntry } from './RequestLog.js';
import { redactPath, redactText } from './redact.js';
import { createResources } from './resources.js';

/** Events the client reports for every attempt; the same shape feeds the request log. */
export interface ClientHooks {
  onRequest?: (event: { method: string; path: string; attempt: number }) => void;
  onResponse?: (event: RequestLogEntry & { status: number }) => void;
  onError?: (
    event: RequestLogEntry & { error: { kind: string; code: string } },
    error: MakiniError,
  ) => void;
}

export interface MakiniClientOptions {
  /** @default 'https://api.makini.io' */
  baseUrl?: string;
  /** A bearer token; or give `getToken`. */
  token?: string;
  /** Called before every attempt; may refresh (see `TokenManager`). */
  getToken?: () => string | Promise<string>;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number;
  /** Per attempt. @default 60_000 */
  timeoutMs?: number;
  /** Client-side limit per connection, corrected by the server's `x-ratelimit-*` headers. @default off */
  rateLimit?: RateLimitOptions | false;
  /** Which connection this client's token reaches, to key the rate limiter. @default 'default' */
  connectionKey?: string;
  backoff?: BackoffOptions;
  hooks?: ClientHooks;
  /** Entries kept in `client.requestLog`. @default 200 */
  requestLogSize?: number;
  /** Sent as `user-agent` where the runtime allows it. */
  userAgent?: string;
}

/** Options every method takes. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  /** Makes a POST safe to retry: the server applies it once. */
  idempotencyKey?: string | undefined;
}

export interface RequestInput<Schema extends z.ZodType | undefined> extends RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined> | URLSearchParams | undefined;
  body?: unknown;
  /** Parses the response; a mismatch becomes a `ValidationError` naming the field. */
  schema?: Schema;
}

const RETRYABLE_STATUS = (status: number) =>
  status === 408 || status === 409 || status === 429 || status >= 500;
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The Makini API client: typed resources, typed errors, retries with backoff that honour
 * `Retry-After`, a client-side rate limiter, auto-pagination and a request log. Runs in Node 20+,
 * browsers and edge runtimes (only `fetch`, `AbortController` and `crypto` are used).
 *
 * @example
 * const client = new MakiniClient({ baseUrl: 'https://api.makini.io', token });
 * for await (const order of client.purchaseOrders.list({ perPage: 100 })) console.log(order.orderNo);
 */
export class MakiniClient {
  readonly baseUrl: string;
  readonly requestLog: RequestLog;
  readonly #options: MakiniClientOptions;
  private readonly fetchImpl: typeof fetch;
  private readonly limiter: ClientRateLimiter | undefined;
  private readonly listeners = new Set<ClientHooks>();
  /** The token last used, so error messages never echo it. */
  #lastToken: string | undefined;

  readonly connections;
  readonly platforms;
  readonly client;
  readonly integrations;
  readonly purchaseOrders;
  readonly passthrough;

  constructor(options: MakiniClientOptions = {}) {
    if (options.token === undefined && options.getToken === undefined) {
      throw new TypeError(
        'MakiniClient needs `token` or `getToken`: pass the connection or client token.',
      );
    }
    this.#options = options;
    this.baseUrl = (options.baseUrl ?? 'https://api.makini.io').replace(/\/+$/, '');
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function')
      throw new TypeError('No fetch available: pass `fetch` to MakiniClient.');
    this.fetchImpl = fetchImpl;
    this.limiter = options.rateLimit ? new ClientRateLimiter(options.rateLimit) : undefined;
    this.requestLog = new RequestLog(options.requestLogSize ?? 200);
    if (options.hooks) this.listeners.add(options.hooks);
    const resources = createResources(this);
    this.connections = resources.connections;
    this.platforms = resources.platforms;
    this.client = resources.client;
    this.integrations = resources.integrations;
    this.purchaseOrders = resources.purchaseOrders;
    this.passthrough = resources.passthrough;
  }

  /** Adds hooks (the health monitor learns from the client this way); returns the remover. */
  subscribe(hooks: ClientHooks): () => void {
    this.listeners.add(hooks);
    return () => this.listeners.delete(hooks);
  }

  private emit<K extends keyof ClientHooks>(
    name: K,
    ...args: Parameters<NonNullable<ClientHooks[K]>>
  ) {
    for (const listener of this.listeners) {
      try {
        (listener[name] as ((...values: typeof args) => void) | undefined)?.(...args);
      } catch {
        // A listener's failure must never fail the request it observes.
      }
    }
  }

  private async token(): Promise<string> {
    const token = this.#options.getToken ? await this.#options.getToken() : this.#options.token;
    if (!token) throw new MakiniError('AUTHENTICATION_FAILED', 'getToken() returned no token.');
    this.#lastToken = token;
    return token;
  }

  private url(path: string, query: RequestInput<undefined>['query']): string {
    const url = new URL(`${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`);
    const entries =
      query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query ?? {});
    for (const [name, value] of entries) {
      if (value !== undefined) url.searchParams.append(name, String(value));
    }
    return url.toString();
  }

  /**
   * Sends one API call with retries. Resources use it; call it directly for endpoints the kit does
   * not wrap.
   */
  async request<Schema extends z.ZodType | undefined = undefined>(
    input: RequestInput<Schema>,
  ): Promise<Schema extends z.ZodType ? z.output<Schema> : unknown> {
    const url = this.url(input.path, input.query);
    const loggedPath = redactPath(url.slice(this.baseUrl.length));
    const maxRetries = input.maxRetries ?? this.#options.maxRetries ?? 2;
    const retryable = IDEMPOTENT.has(input.method) || input.idempotencyKey !== undefined;
    const key = this.#options.connectionKey ?? 'default';
    let lastRequestId: string | undefined;

    for (let attempt = 1; ; attempt++) {
      if (input.signal?.aborted)
        throw this.abortError(input, loggedPath, attempt - 1, lastRequestId);
      await this.limiter?.acquire(key, input.signal).catch(() => {
        throw this.abortError(input, loggedPath, attempt - 1, lastRequestId);
      });
      const startedAt = Date.now();
      const started = performance.now();
      this.emit('onRequest', { method: input.method, path: loggedPath, attempt });
      const entry: RequestLogEntry = {
        method: input.method,
        path: loggedPath,
        attempt,
        durationMs: 0,
        startedAt,
      };
      let error: MakiniError;
      let retryAfterMs: number | undefined;
      try {
        const { response, text } = await this.send(url, input);
        lastRequestId = response.headers.get('x-request-id') ?? undefined;
        Object.assign(entry, {
          requestId: lastRequestId,
          status: response.status,
          durationMs: Math.round(performance.now() - started),
        });
        this.limiter?.observe(key, response.headers);
        if (response.ok) {
          const value = this.parse(text, input, entry, attempt);
          this.requestLog.add(entry);
          this.emit('onResponse', entry as RequestLogEntry & { status: number });
          return value as never;
        }
        error = errorFromResponse(response.status, response.headers, parseBody(text), {
          method: input.method,
          path: loggedPath,
          attempts: attempt,
        });
        retryAfterMs = parseRetryAfter(response.headers);
        if (error instanceof RateLimitError) this.limiter?.exhaust(key, retryAfterMs ?? 1000);
      } catch (caught) {
        entry.durationMs = Math.round(performance.now() - started);
        if (ValidationError.is(caught)) {
          this.record(entry, caught, undefined);
          throw caught;
        }
        if (entry.status === undefined) this.limiter?.settle(key);
        error = this.transportError(caught, input, loggedPath, attempt, lastRequestId);
        if (AbortError.is(error)) throw error;
      }
      const transient = MakiniApiError.is(error) ? RETRYABLE_STATUS(error.status) : true;
      const wait =
        retryable && transient && attempt <= maxRetries
          ? retryDelay(attempt, retryAfterMs, this.#options.backoff)
          : undefined;
      this.record(entry, error, wait);
      if (wait === undefined) throw error;
      await sleep(wait, input.signal).catch(() => {
        throw this.abortError(input, loggedPath, attempt, lastRequestId);
      });
    }
  }

  private record(entry: RequestLogEntry, error: MakiniError, retryInMs: number | undefined) {
    const logged = { ...entry, error: { kind: error.kind, code: String(error.code) }, retryInMs };
    this.requestLog.add(logged);
    this.emit('onError', logged, error);
  }

  /** One attempt: fetch with a per-attempt timeout, and read the whole body. */
  private async send(url: string, input: RequestInput<z.ZodType | undefined>) {
    const timeoutMs = input.timeoutMs ?? this.#options.timeoutMs ?? 60_000;
    const controller = new AbortController();
    const onAbort = () => controller.abort(input.signal?.reason);
    input.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new TimeoutMarker()), timeoutMs);
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${await this.token()}`,
        ...(this.#options.userAgent ? { 'user-agent': this.#options.userAgent } : {}),
        ...(input.idempotencyKey ? { 'idempotency-key': input.idempotencyKey } : {}),
        ...input.headers,
      };
      let body: string | undefined;
      if (input.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(input.body);
      }
      const response = await this.fetchImpl(url, {
        method: input.method,
        headers,
        body: body ?? null,
        signal: controller.signal,
      });
      const text = await response.text();
      return { response, text };
    } finally {
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onAbort);
    }
  }

  private parse(
    text: string,
    input: RequestInput<z.ZodType | undefined>,
    entry: RequestLogEntry,
    attempt: number,
  ): unknown {
    let json: unknown;
    if (text.length === 0) json = undefined;
    else {
      try {
        json = JSON.parse(text);
      } catch (cause) {
        // A 200 whose body is not JSON was cut short or garbled in transit: retryable like a reset.
        throw new ConnectionError(
          'INVALID_RESPONSE',
          `${input.method} ${entry.path}: the response body is not complete JSON.`,
          {
            cause,
            requestId: entry.requestId,
            method: input.method,
            path: entry.path,
          },
        );
      }
    }
    if (!input.schema) return json;
    const result = input.schema.safeParse(json);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const issuePath = issue?.path.join('.') ?? '';
    throw new ValidationError(
      `${input.method} ${entry.path}: the response does not match the expected shape at ${issuePath || '(root)'}: ${issue?.message}. The raw body is on error.body.`,
      {
        issuePath,
        body: json,
        requestId: entry.requestId,
        attempts: attempt,
        method: input.method,
        path: entry.path,
        cause: result.error,
      },
    );
  }

  private abortError(
    input: RequestOptions & { method: string },
    path: string,
    attempts: number,
    requestId?: string,
  ) {
    return new AbortError('ABORTED', `${input.method} ${path} was aborted by the caller.`, {
      attempts,
      requestId,
      method: input.method,
      path,
    });
  }

  private transportError(
    caught: unknown,
    input: RequestInput<z.ZodType | undefined>,
    path: string,
    attempt: number,
    requestId?: string,
  ): MakiniError {
    const context = { attempts: attempt, requestId, method: input.method, path, cause: caught };
    if (input.signal?.aborted) return this.abortError(input, path, attempt, requestId);
    if (
      caught instanceof TimeoutMarker ||
      (caught as { name?: string })?.name === 'TimeoutError' ||
      (caught as { cause?: unknown })?.cause instanceof TimeoutMarker
    ) {
      return new TimeoutError(
        'TIMEOUT',
        `${input.method} ${path} got no answer within ${input.timeoutMs ?? this.#options.timeoutMs ?? 60_000} ms.`,
        context,
      );
    }
    if (caught instanceof ConnectionError)
      return new ConnectionError(caught.code, caught.message, context);
    const detail = redactText(
      String((caught as Error)?.cause ?? (caught as Error)?.message ?? caught),
      [this.#lastToken],
    );
    return new ConnectionError(
      'CONNECTION_FAILED',
      `${input.method} ${path} failed before a response arrived (${detail}). Check the network and baseUrl.`,
      context,
    );
  }

  /** Describes the client without its token, for `util.inspect` and `JSON.stringify`. */
  toJSON() {
    return {
      baseUrl: this.baseUrl,
      connectionKey: this.#options.connectionKey,
      token: '[redacted]',
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `MakiniClient ${JSON.stringify(this.toJSON())}`;
  }

  /** Stops the rate limiter's timers. */
  close(): void {
    this.limiter?.dispose();
  }
}

/** The reason a per-attempt timeout aborts with, to tell it from the caller's abort. */
class TimeoutMarker extends Error {
  constructor() {
    super('timeout');
  }
}
