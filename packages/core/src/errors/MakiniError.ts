import { boundedWait } from '../client/serverWait.js';
import type { ClientErrorCode } from './ClientErrorCode.js';
import type { ErrorCode } from './ErrorCode.js';
import { type InvalidFields, invalidFields } from './invalidFields.js';
import type { LinkErrorCode } from './LinkErrorCode.js';
import type { MakiniErrorCode } from './MakiniErrorCode.js';

const BRAND = Symbol.for('makini-kit.error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What every error knows about the request that failed. */
export interface ErrorContext {
  /** The `x-request-id` of the last response: quote it when asking Makini for help. */
  requestId?: string | undefined;
  /** How many attempts were made, retries included. */
  attempts?: number | undefined;
  /** The HTTP method of the failing call. */
  method?: string | undefined;
  /** Path and query, with secrets redacted. */
  path?: string | undefined;
  /** The error this one wraps (a network error, a response error), kept as `cause`. */
  cause?: unknown;
}

/**
 * The base of every error the kit throws. `kind` names the class; `is()` checks work across
 * duplicated copies of the package (two bundles, two `node_modules`), where `instanceof` fails.
 *
 * @example
 * try {
 *   await client.purchaseOrders.list();
 * } catch (error) {
 *   if (RateLimitError.is(error)) retryLater(error.retryAfterMs);
 *   else if (MakiniError.is(error)) log.warn(error.code, error.requestId);
 *   else throw error;
 * }
 */
export class MakiniError extends Error {
  /** The class's name as `kind` and `is()` see it; every subclass sets its own. */
  static readonly KIND: string = 'MakiniError';
  /** @internal Marks the kit's errors for `is()` across copies of the package. */
  readonly [BRAND] = true;
  /** Class names from this one up to `MakiniError`, for `is()`. */
  readonly kinds: readonly string[];
  /** The class's name (`RateLimitError`, …), also `name`; survives minifiers and `JSON.stringify`. */
  readonly kind: string;
  /** What failed, from the code tables; subclasses narrow it. */
  readonly code: MakiniErrorCode;
  /** The `x-request-id` of the last response, when there was one: quote it when asking Makini for help. */
  readonly requestId: string | undefined;
  /** How many attempts were made, retries included, when the error comes from a call. */
  readonly attempts: number | undefined;
  /** The HTTP method of the failing call. */
  readonly method: string | undefined;
  /** Path and query of the failing call, with secrets redacted. */
  readonly path: string | undefined;

  /**
   * The kit creates its errors; construct one yourself to fail a call in a test or a hook.
   *
   * @param code What failed, from the code tables.
   * @param message What went wrong and how to fix it.
   * @param context The request the error is about, and the `cause` it wraps.
   */
  constructor(code: MakiniErrorCode, message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    const kinds: string[] = [];
    for (
      let type: unknown = new.target;
      typeof type === 'function' && Object.hasOwn(type, 'KIND');
      type = Object.getPrototypeOf(type)
    ) {
      kinds.push((type as typeof MakiniError).KIND);
    }
    this.kinds = kinds;
    this.kind = kinds[0] ?? MakiniError.KIND;
    this.name = this.kind;
    this.code = code;
    this.requestId = context.requestId;
    this.attempts = context.attempts;
    this.method = context.method;
    this.path = context.path;
  }

  /** True for an error of this class (or a subclass) from any copy of the package. */
  // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass `is` was called on.
  static is<T>(this: { readonly KIND: string; prototype: T }, value: unknown): value is T {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [BRAND]?: unknown })[BRAND] === true &&
      ((value as MakiniError).kinds ?? []).includes(this.KIND)
    );
  }

  /** A plain, redacted description for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      attempts: this.attempts,
      method: this.method,
      path: this.path,
    };
  }

  /** Node's `util.inspect` prints the redacted description too. */
  [INSPECT](): string {
    return `${this.kind} ${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

/** Response headers worth keeping on an error; nothing that could carry a credential. */
const KEPT_HEADERS =
  /^(x-request-id|retry-after|retry-after-ms|x-ratelimit-.*|content-type|www-authenticate)$/i;

export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (KEPT_HEADERS.test(name)) kept[name] = value;
  });
  return kept;
}

/** The API answered with an error status. */
export class MakiniApiError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'MakiniApiError';
  /**
   * The API's code, or the token endpoint's OAuth code. A code this version does not know is
   * replaced by the one its status implies; the raw body stays on `body`.
   */
  declare readonly code: ErrorCode | LinkErrorCode;
  /** The HTTP status of the response. */
  readonly status: number;
  /** The response headers worth keeping (request id, `Retry-After`, rate-limit and content type); none that could carry a credential. */
  readonly headers: Readonly<Record<string, string>>;
  /** The error body as sent (Makini's `{ error: { code, message, request_id } }`). */
  readonly body: unknown;

  /**
   * Errors from responses are made by `errorFromResponse`; construct one yourself to fake an API
   * failure in a test.
   *
   * @param status The HTTP status.
   * @param code The API's or the token endpoint's code.
   * @param message What went wrong.
   * @param context The request, and the response's kept `headers` and `body`.
   */
  constructor(
    status: number,
    code: ErrorCode | LinkErrorCode,
    message: string,
    context: ErrorContext & { headers?: Record<string, string>; body?: unknown } = {},
  ) {
    super(code, message, context);
    this.status = status;
    this.headers = context.headers ?? {};
    this.body = context.body;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, headers: this.headers, body: this.body };
  }
}

/** Everything an API error knows about its call, for an error that wraps it (`cause` is it). */
export function wrappedContext(error: MakiniApiError) {
  return {
    requestId: error.requestId,
    attempts: error.attempts,
    method: error.method,
    path: error.path,
    headers: { ...error.headers },
    body: error.body,
    cause: error,
  };
}

/** 429: too many requests for this connection in the current window. */
export class RateLimitError extends MakiniApiError {
  /** @inheritDoc */
  static override readonly KIND: string = 'RateLimitError';
  declare readonly code: 'RATE_LIMIT_EXCEEDED';
  /**
   * How long to wait before calling again, in ms: the server's `Retry-After` (or its window's reset),
   * or, for a call refused without being sent, how long the client keeps refusing. Always a finite
   * number from 0 to 2^31-1, safe to hand to `setTimeout`; `undefined` when nobody said.
   */
  readonly retryAfterMs: number | undefined;
  /** The window's request limit, if the server said (`x-ratelimit-limit`). */
  readonly limit: number | undefined;
  /** Requests left in the window, if the server said (`x-ratelimit-remaining`). */
  readonly remaining: number | undefined;
  /** When the window resets, if the server said. */
  readonly resetAt: Date | undefined;

  /**
   * The kit makes it from a 429 response, or when the client-side limiter refuses a call.
   *
   * @param status The HTTP status (429).
   * @param message What went wrong.
   * @param context The request and response, and what the server said about its window.
   */
  constructor(
    status: number,
    message: string,
    context: ConstructorParameters<typeof MakiniApiError>[3] & {
      retryAfterMs?: number | undefined;
      limit?: number | undefined;
      remaining?: number | undefined;
      resetAt?: Date | undefined;
    },
  ) {
    super(status, 'RATE_LIMIT_EXCEEDED', message, context);
    // A caller hands these to a timer: never NaN, Infinity, an Invalid Date or more than 2^31-1 ms.
    this.retryAfterMs =
      context.retryAfterMs === undefined ? undefined : boundedWait(context.retryAfterMs);
    this.limit = context.limit;
    this.remaining = context.remaining;
    this.resetAt =
      context.resetAt && !Number.isNaN(context.resetAt.getTime()) ? context.resetAt : undefined;
  }
}

/** 401: the token is missing, expired or revoked. Get a new token (refresh, or run Link again). */
export class AuthenticationError extends MakiniApiError {
  /** @inheritDoc */
  static override readonly KIND: string = 'AuthenticationError';
}

/**
 * 401 `REAUTHORIZATION_REQUIRED`: the customer's system credentials stopped working. Only the
 * customer can fix it, by running Makini Link again for `connectionKey`.
 *
 * @example
 * const orders = await client.purchaseOrders.list().catch((error) => {
 *   if (ReauthorizationRequiredError.is(error)) return alertCustomer(error.connectionKey);
 *   throw error;
 * });
 */
export class ReauthorizationRequiredError extends AuthenticationError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ReauthorizationRequiredError';
  declare readonly code: 'REAUTHORIZATION_REQUIRED';
  /** The connection the customer must reconnect: the client's `connectionKey`, or the one the server named. */
  readonly connectionKey: string | undefined;

  /**
   * The kit makes it from a 401 `REAUTHORIZATION_REQUIRED` response.
   *
   * @param status The HTTP status (401).
   * @param message What went wrong.
   * @param context The request and response, and the connection to reconnect.
   */
  constructor(
    status: number,
    message: string,
    context: ConstructorParameters<typeof MakiniApiError>[3] & {
      connectionKey?: string | undefined;
    },
  ) {
    super(status, 'REAUTHORIZATION_REQUIRED', message, context);
    this.connectionKey = context.connectionKey;
  }
}

/** 403: the token may not do this (for example a connection token on a system endpoint). */
export class PermissionError extends MakiniApiError {
  /** @inheritDoc */
  static override readonly KIND: string = 'PermissionError';
}

/** 404: no such record or route. */
export class NotFoundError extends MakiniApiError {
  /** @inheritDoc */
  static override readonly KIND: string = 'NotFoundError';
}

/**
 * 400/422 and other 4xx: the server refused your input (`VALIDATION_ERROR`, …). `fields` names
 * each invalid field with what is wrong with it. Not to be confused with `ValidationError`, which
 * is a response that broke its schema.
 *
 * @example
 * try {
 *   await client.purchaseOrders.update(key, { totalNetValue: input });
 * } catch (error) {
 *   if (BadRequestError.is(error)) showFieldErrors(error.fields ?? {}); // { totalNetValue: ['must be a decimal …'] }
 *   else throw error;
 * }
 */
export class BadRequestError extends MakiniApiError {
  /** @inheritDoc */
  static override readonly KIND: string = 'BadRequestError';
  /**
   * The invalid fields by name, each with the server's messages (`{ totalNetValue: ['must be a
   * decimal …'] }`), read from the body's `error.fields` (or a Laravel-style `errors`);
   * `undefined` when the server named none.
   */
  readonly fields: InvalidFields | undefined;

  /** {@inheritDoc MakiniApiError.constructor} */
  constructor(
    status: number,
    code: ErrorCode | LinkErrorCode,
    message: string,
    context: ConstructorParameters<typeof MakiniApiError>[3] = {},
  ) {
    super(status, code, message, context);
    this.fields = invalidFields(context.body);
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fields: this.fields };
  }
}

/**
 * 409 `CONFLICT`: the request conflicts with the server's state, e.g. an `idempotencyKey` reused
 * with another body, or a connection that exists already. Sending it again cannot succeed, so it
 * is not retried: use a new key for a different write, or read the current state first. A
 * `BadRequestError` too, so code that handles "the server refused this request" catches it.
 */
export class ConflictError extends BadRequestError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ConflictError';
}

/** 5xx: the server or the source system failed. Retried automatically; this is after the last try. */
export class ServerError extends MakiniApiError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ServerError';
}

/**
 * A response that does not match its schema (`RESPONSE_VALIDATION_FAILED`): `issuePath` names the
 * field, `body` keeps the raw data. Input the server refused is a `BadRequestError` instead.
 */
export class ValidationError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ValidationError';
  declare readonly code: 'RESPONSE_VALIDATION_FAILED';
  /** Where in the response the first problem is, e.g. `data.3.lineItems.0.quantity`. */
  readonly issuePath: string;
  /** The response's data as received. */
  readonly body: unknown;

  /**
   * The kit makes it when a response breaks its schema.
   *
   * @param message What does not match, and where.
   * @param context The request, the failing path and the raw data.
   */
  constructor(message: string, context: ErrorContext & { issuePath: string; body: unknown }) {
    super('RESPONSE_VALIDATION_FAILED', message, context);
    this.issuePath = context.issuePath;
    this.body = context.body;
  }
}

/** The request never got a usable answer: refused, reset, or a body cut short. */
export class ConnectionError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ConnectionError';
  declare readonly code: ConnectionErrorCode;

  /**
   * The kit makes it when a request gets no usable answer.
   *
   * @param code `CONNECTION_FAILED` (no answer) or `INVALID_RESPONSE` (an answer that is not usable).
   * @param message What went wrong.
   * @param context The request, and the network error as `cause`.
   */
  constructor(code: ConnectionErrorCode, message: string, context: ErrorContext = {}) {
    super(code, message, context);
  }
}
/** The codes of a {@link ConnectionError}. */
export type ConnectionErrorCode = Extract<
  ClientErrorCode,
  'CONNECTION_FAILED' | 'INVALID_RESPONSE'
>;

/** No answer within `timeoutMs`. */
export class TimeoutError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'TimeoutError';
  declare readonly code: 'TIMEOUT';

  /**
   * The kit makes it when a call passes its `timeoutMs`.
   *
   * @param code `TIMEOUT`.
   * @param message What timed out, after how long.
   * @param context The request.
   */
  constructor(code: 'TIMEOUT', message: string, context: ErrorContext = {}) {
    super(code, message, context);
  }
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'AbortError';
  declare readonly code: 'ABORTED';

  /**
   * The kit makes it when the caller's signal fires.
   *
   * @param code `ABORTED`.
   * @param message What was aborted.
   * @param context The request, and the signal's reason as `cause`.
   */
  constructor(code: 'ABORTED', message: string, context: ErrorContext = {}) {
    super(code, message, context);
  }
}
