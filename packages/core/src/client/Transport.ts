import type * as z from 'zod';
import { errorFromResponse, rateLimitResetAt } from '../errors/errorFromResponse.js';
import {
  AbortError,
  MakiniApiError,
  type MakiniError,
  RateLimitError,
  ValidationError,
} from '../errors/MakiniError.js';
import { ResponseTooLargeError } from '../errors/ResponseTooLargeError.js';
import { AttemptScope } from './AttemptScope.js';
import { parseRetryAfter, retryDelay } from './backoff.js';
import { CallSpans, type ServerAttributes, serverAttributes } from './CallSpans.js';
import type { ClientHooks } from './ClientHooks.js';
import { ClientRateLimiter } from './ClientRateLimiter.js';
import { invalidIdempotencyKey } from './idempotencyKey.js';
import { parseErrorBody, parseResponse } from './parseResponse.js';
import { RateLimitGate } from './RateLimitGate.js';
import type { RequestInput } from './RequestInput.js';
import { RequestLog, type RequestLogEntry } from './RequestLog.js';
import { readBody } from './readBody.js';
import { redactKnown, redactPath } from './redact.js';
import { type BodyRedaction, redactBody } from './redactBody.js';
import { requestInit } from './requestInit.js';
import {
  resolveSettings,
  type TransportOptions,
  type TransportSettings,
} from './TransportOptions.js';
import { MAX_TIMEOUT_MS, sleep } from './timers.js';
import {
  abortError,
  callNumber,
  type FailureContext,
  type FailureState,
  gateClosed,
  limiterError,
  noToken,
  notWaited,
  tokenError,
  transportError,
} from './transportErrors.js';

/**
 * Statuses another attempt may fix. Not 409: Makini's conflicts (an `Idempotency-Key` reused with
 * another body, a connection that exists already) answer the same however often they are sent,
 * and Makini documents no transient, lock-style 409 that a retry could outwait.
 */
const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;
/**
 * Methods that are safe to send again. A PUT is idempotent by HTTP's definition, but a Makini
 * write may emit webhooks or append history, so PUT, like POST and PATCH, is retried only with an
 * `idempotencyKey`.
 */
const IDEMPOTENT = new Set(['GET', 'DELETE', 'HEAD', 'OPTIONS']);

/** How one attempt ended, when it did not return a value. */
interface Failure {
  error: MakiniError;
  entry: RequestLogEntry;
  /** Not worth another attempt whatever the retry policy says. */
  final: boolean;
  /** The server's wait (`Retry-After`, or the rate-limit reset of a 429). */
  serverWaitMs?: number | undefined;
}

/** What bounds one attempt, and the call's spans when it has them. */
interface AttemptLimits {
  timeoutMs: number;
  longestWait: number;
  spans: CallSpans | undefined;
}

/** The token of one attempt: given (`preset`, after a 401), or what `getToken` returned (`sent`). */
interface AttemptTokens {
  preset?: string | undefined;
  sent?: string | undefined;
}

/**
 * Sends calls to Makini: URL and headers, a per-attempt timeout that covers every wait, retries
 * with backoff that honour `Retry-After` up to `maxRetryAfterMs`, the client-side rate limiter, a
 * bounded body read, one error factory, redaction, the request log and hooks. `MakiniClient` and
 * the Link token calls both send through it.
 */
export class Transport {
  readonly requestLog: RequestLog;
  readonly settings: TransportSettings;
  readonly #options: TransportOptions;
  readonly #limiter: ClientRateLimiter | undefined;
  readonly #gate = new RateLimitGate();
  readonly #listeners = new Set<ClientHooks>();
  readonly #server: ServerAttributes | undefined;

  constructor(options: TransportOptions = {}) {
    this.#options = options;
    this.settings = resolveSettings(options);
    this.#server = options.telemetry ? serverAttributes(this.settings.baseUrl) : undefined;
    this.#limiter = options.rateLimit ? new ClientRateLimiter(options.rateLimit) : undefined;
    this.requestLog = options.requestLog ?? new RequestLog(200);
    if (options.hooks) this.#listeners.add(options.hooks);
  }

  /** Adds hooks; returns the remover. */
  subscribe(hooks: ClientHooks): () => void {
    this.#listeners.add(hooks);
    return () => this.#listeners.delete(hooks);
  }

  #emit<K extends keyof ClientHooks>(name: K, ...args: Parameters<NonNullable<ClientHooks[K]>>) {
    for (const listener of this.#listeners) {
      try {
        (listener[name] as ((...values: typeof args) => void) | undefined)?.(...args);
      } catch {
        // A listener's failure must never fail the request it observes.
      }
    }
  }

  url(path: string, query: RequestInput<undefined>['query']): string {
    const url = new URL(`${this.settings.baseUrl}${path.startsWith('/') ? path : `/${path}`}`);
    const entries =
      query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query ?? {});
    for (const [name, value] of entries) {
      if (value !== undefined) url.searchParams.append(name, String(value));
    }
    return url.toString();
  }

  /** Sends one call, with retries. */
  async request<Schema extends z.ZodType | undefined = undefined>(
    input: RequestInput<Schema>,
  ): Promise<Schema extends z.ZodType ? z.output<Schema> : unknown> {
    const { telemetry } = this.#options;
    const spans =
      telemetry &&
      CallSpans.start(telemetry, {
        method: input.method,
        template: input.template,
        connection: this.#options.connectionKey,
        server: this.#server as ServerAttributes,
      });
    if (!spans) return this.#send(input, undefined);
    try {
      const value = await this.#send(input, spans);
      spans.end();
      return value;
    } catch (error) {
      spans.end(error);
      throw error;
    }
  }

  async #send<Schema extends z.ZodType | undefined>(
    input: RequestInput<Schema>,
    spans: CallSpans | undefined,
  ): Promise<Schema extends z.ZodType ? z.output<Schema> : unknown> {
    const { settings } = this;
    const url = this.url(input.path, input.query);
    const path = redactPath(url.slice(settings.baseUrl.length));
    const where = { method: input.method, path };
    // A mistake in the call rejects before anything is sent, and is never retried.
    const invalidKey = invalidIdempotencyKey(input.idempotencyKey, where);
    if (invalidKey) throw invalidKey;
    const maxRetries = callNumber('maxRetries', input.maxRetries ?? settings.maxRetries, where, {
      min: 0,
      max: 100,
    });
    const timeoutMs = callNumber('timeoutMs', input.timeoutMs ?? settings.timeoutMs, where, {
      min: 1,
      max: MAX_TIMEOUT_MS,
    });
    // The same condition that sends the header (requestInit): a write is retried only with it.
    const retryable = IDEMPOTENT.has(input.method) || Boolean(input.idempotencyKey);
    const key = settings.connectionKey;
    // A wait longer than this fails at once: the server asked for too long, or the call has not the time.
    const longestWait = Math.min(settings.maxRetryAfterMs, timeoutMs);
    let requestId: string | undefined;
    // A 401 asks getToken once more; a different token is sent at once, not counted as a retry.
    let reasked = false;
    let free = 0;
    let preset: string | undefined;

    for (let attempt = 1; ; attempt++) {
      const context: FailureContext = { method: input.method, path, attempts: attempt, requestId };
      if (input.signal?.aborted) throw abortError({ ...context, attempts: attempt - 1 });
      const closed = this.#gate.check(key);
      if (closed) {
        const error = gateClosed(closed, settings.maxRetryAfterMs, {
          ...context,
          attempts: attempt - 1,
        });
        const entry = {
          method: input.method,
          path,
          attempt,
          durationMs: 0,
          startedAt: Date.now(),
          ...(spans ? { traceId: spans.call.traceId } : {}),
        };
        this.#record(entry, error);
        throw error;
      }
      const tokens: AttemptTokens = { preset };
      preset = undefined;
      const outcome = await this.#attempt(
        url,
        input,
        context,
        { timeoutMs, longestWait, spans },
        tokens,
      );
      if ('value' in outcome) return outcome.value as never;
      const { error, entry, serverWaitMs } = outcome;
      requestId = error.requestId ?? requestId;
      if (AbortError.is(error)) throw error;
      if (entry.status === 401 && !reasked && tokens.sent !== undefined) {
        reasked = true;
        preset = await this.#tokenAfter401(tokens.sent, input, context, timeoutMs, spans).catch(
          (caught: unknown) => {
            this.#record(entry, error);
            throw caught;
          },
        );
        if (preset !== undefined) {
          this.#record(entry, error, 0);
          free++;
          continue;
        }
      }
      let final = outcome.final;
      if (RateLimitError.is(error) && entry.status !== undefined) {
        if (serverWaitMs !== undefined && serverWaitMs > settings.maxRetryAfterMs) {
          this.#gate.close(key, serverWaitMs, error.requestId);
          final = true;
        }
        // Every replica sharing the store waits too. A store that cannot take the pause cannot
        // grant the next attempt either: that take reports its failure.
        await this.#limiter?.exhaust(key, serverWaitMs ?? 1000)?.catch(() => undefined);
      }
      const transient = MakiniApiError.is(error) ? RETRYABLE_STATUS(error.status) : true;
      let wait =
        !final && retryable && transient && attempt - free <= maxRetries
          ? retryDelay(attempt, serverWaitMs, {
              ...this.#options.backoff,
              maxRetryAfterMs: longestWait,
            })
          : undefined;
      if (wait !== undefined) wait = Math.min(wait, timeoutMs);
      const thrown =
        RateLimitError.is(error) && serverWaitMs !== undefined && serverWaitMs > longestWait
          ? notWaited(error, serverWaitMs, longestWait, settings.maxRetryAfterMs)
          : error;
      this.#record(entry, thrown, wait);
      if (wait === undefined) throw thrown;
      spans?.retryWait(attempt, wait, error, serverWaitMs);
      await sleep(wait, input.signal).catch(() => {
        throw abortError(context);
      });
    }
  }

  /** One attempt: token, limiter, request and body, all within `timeoutMs`. */
  async #attempt(
    url: string,
    input: RequestInput<z.ZodType | undefined>,
    context: FailureContext,
    { timeoutMs, longestWait, spans }: AttemptLimits,
    tokens: AttemptTokens = {},
  ): Promise<{ value: unknown } | Failure> {
    const key = this.settings.connectionKey;
    const scope = new AttemptScope(input.signal, timeoutMs);
    const entry: RequestLogEntry = {
      method: input.method,
      path: context.path,
      attempt: context.attempts ?? 1,
      durationMs: 0,
      startedAt: Date.now(),
      ...(spans ? { traceId: spans.call.traceId } : {}),
    };
    let token: string | undefined;
    const secrets = () => [token, ...(input.redact ?? [])];
    const state = (): FailureState => ({
      aborted: input.signal?.aborted ?? false,
      timedOut: scope.timedOut,
      timeoutMs,
      secrets: secrets(),
    });
    try {
      // A token that cannot be had is no network failure: it passes through, and is not retried.
      const getToken = this.#options.getToken;
      token =
        tokens.preset ??
        (await scope.race(spans && getToken ? spans.within(() => getToken()) : getToken?.()));
      if (this.#options.getToken && !token) throw noToken(context);
      tokens.sent = token;
    } catch (caught) {
      scope.end();
      return { error: tokenError(caught, state(), context), entry, final: true };
    }
    // Only with spans: the limiter says when it holds the attempt back, to record the wait.
    let heldSince: number | undefined;
    const onWait =
      spans &&
      (() => {
        heldSince ??= performance.now();
      });
    try {
      await this.#limiter?.acquire(key, { signal: scope.signal, maxWaitMs: longestWait, onWait });
    } catch (caught) {
      scope.end();
      return { error: limiterError(caught, state(), context), entry, final: true };
    }
    if (heldSince !== undefined) spans?.rateLimitWait(entry.attempt, performance.now() - heldSince);
    const span = spans?.attempt(entry.attempt);
    const outcome = await this.#exchange(url, input, context, entry, scope, {
      token,
      timeoutMs,
      secrets,
    });
    if (span) spans?.attemptEnded(span, entry, 'error' in outcome ? outcome.error : undefined);
    return outcome;
  }

  /** The request and its body, after the token and the limiter: what an attempt's span covers. */
  async #exchange(
    url: string,
    input: RequestInput<z.ZodType | undefined>,
    context: FailureContext,
    entry: RequestLogEntry,
    scope: AttemptScope,
    sending: {
      token: string | undefined;
      timeoutMs: number;
      secrets: () => Array<string | undefined>;
    },
  ): Promise<{ value: unknown } | Failure> {
    const { settings } = this;
    const key = settings.connectionKey;
    const { token, timeoutMs, secrets } = sending;
    const state = (): FailureState => ({
      aborted: input.signal?.aborted ?? false,
      timedOut: scope.timedOut,
      timeoutMs,
      secrets: secrets(),
    });
    entry.startedAt = Date.now();
    const started = performance.now();
    this.#emit('onRequest', { method: input.method, path: context.path, attempt: entry.attempt });
    try {
      const response = await settings.fetch(
        url,
        requestInit(input, token, this.#options.userAgent, scope.signal),
      );
      const requestId = response.headers.get('x-request-id') ?? context.requestId;
      Object.assign(entry, { requestId, status: response.status });
      this.#limiter?.observe(key, response.headers);
      const read = await readBody(response, settings.maxResponseBytes);
      entry.durationMs = Math.round(performance.now() - started);
      const where = { ...context, requestId };
      const redaction: BodyRedaction = {
        secrets: secrets(),
        secretBody: input.secretBody ?? false,
      };
      if ('tooLargeAt' in read) {
        scope.end(new Error('response too large'));
        const error = new ResponseTooLargeError(
          `${input.method} ${context.path}: the response passed maxResponseBytes (${settings.maxResponseBytes} bytes) after ${read.tooLargeAt} bytes, so it was not read. Ask for less (a smaller perPage, a filter) or raise maxResponseBytes.`,
          { ...where, limitBytes: settings.maxResponseBytes },
        );
        return { error, entry, final: true };
      }
      if (response.ok) {
        const value = parseResponse(
          read.text,
          input.schema,
          { ...where, attempts: entry.attempt, redaction },
          input.parse && {
            parse: input.parse,
            strict: settings.strict,
            reportInvalidRecord: (event) => this.#emit('onInvalidRecord', event),
          },
        );
        this.requestLog.add(entry);
        this.#emit('onResponse', entry as RequestLogEntry & { status: number });
        return { value };
      }
      // The body, the message quoted from it and the headers kept (`www-authenticate`) may echo
      // what was sent: the token, a code.
      const kept = new Headers();
      for (const [name, value] of response.headers)
        kept.append(name, redactKnown(value, secrets()));
      const error = errorFromResponse(
        response.status,
        kept,
        redactBody(parseErrorBody(read.text), { ...redaction, patterns: true }),
        where,
      );
      const resetAt = rateLimitResetAt(response.headers, Date.now());
      const serverWaitMs =
        parseRetryAfter(response.headers) ??
        (RateLimitError.is(error) && resetAt
          ? Math.max(0, resetAt.getTime() - Date.now())
          : undefined);
      return { error, entry, final: false, serverWaitMs };
    } catch (caught) {
      entry.durationMs = Math.round(performance.now() - started);
      if (entry.status === undefined) this.#limiter?.settle(key);
      if (ValidationError.is(caught)) return { error: caught, entry, final: true };
      const where = { ...context, requestId: entry.requestId ?? context.requestId };
      return { error: transportError(caught, state(), where), entry, final: false };
    } finally {
      scope.end();
    }
  }

  /**
   * After a 401: asks `getToken` once more, naming the refused token. Another replica may have
   * refreshed or reconnected; a different token is worth sending, the same one is not.
   */
  async #tokenAfter401(
    rejectedToken: string,
    input: RequestInput<z.ZodType | undefined>,
    context: FailureContext,
    timeoutMs: number,
    spans: CallSpans | undefined,
  ): Promise<string | undefined> {
    const scope = new AttemptScope(input.signal, timeoutMs);
    const getToken = this.#options.getToken;
    const ask = () => getToken?.({ rejectedToken });
    try {
      const token = await scope.race(spans ? spans.within(ask) : ask());
      return token && token !== rejectedToken ? token : undefined;
    } catch (caught) {
      const state: FailureState = {
        aborted: input.signal?.aborted ?? false,
        timedOut: scope.timedOut,
        timeoutMs,
        secrets: [rejectedToken, ...(input.redact ?? [])],
      };
      throw tokenError(caught, state, context);
    } finally {
      scope.end();
    }
  }

  #record(entry: RequestLogEntry, error: MakiniError, retryInMs?: number) {
    const logged = { ...entry, error: { kind: error.kind, code: error.code }, retryInMs };
    this.requestLog.add(logged);
    this.#emit('onError', logged, error);
  }

  /** Stops the rate limiter's timers. */
  close(): void {
    this.#limiter?.dispose();
  }
}
