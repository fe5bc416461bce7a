import type * as z from 'zod';
import type { ValidationError } from '../errors/MakiniError.js';
import type { InvalidRecordEvent } from './operations/InvalidRecord.js';

/** Options every method takes. */
export interface RequestOptions {
  /** Aborts the call; it then rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Retries after the first attempt, from 0 to 100. @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /** Per attempt: waiting for the token and the rate limiter, the request and the whole body. */
  timeoutMs?: number | undefined;
  /** Extra request headers; they never reach the request log. */
  headers?: Record<string, string> | undefined;
  /**
   * Sent as `Idempotency-Key`. A POST, PUT or PATCH is retried only when it has one: the server
   * applies a keyed write once, however many attempts reach it.
   */
  idempotencyKey?: string | undefined;
}

/** What a custom `parse` gets besides the JSON: the call, and how to report what it finds. */
export interface ParseContext {
  /** The HTTP method. */
  method: string;
  /** The path with its query, redacted as in the request log. */
  path: string;
  /** The response's `x-request-id`. */
  requestId: string | undefined;
  /** The client's `strict` option. */
  strict: boolean;
  /** A `ValidationError` for this response, its body redacted like any other kept body. */
  validationError(issuePath: string, message: string, cause?: unknown): ValidationError;
  /** Tells the client's `hooks.onInvalidRecord`. */
  reportInvalidRecord(event: InvalidRecordEvent): void;
}

/** A call of `client.request`: any endpoint, with the client's retries, limits and log. */
export interface RequestInput<Schema extends z.ZodType | undefined> extends RequestOptions {
  /** The HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, e.g. `/api/erp/purchase-orders/PO-1`. */
  path: string;
  /**
   * The route template of `path`, e.g. `/api/erp/purchase-orders/{key}`: spans are named by it
   * (`url.template`), never by a path with keys. Resource methods set it; without it a span
   * names the method only.
   */
  template?: string | undefined;
  /** The query; `undefined` values are left out. */
  query?: Record<string, string | number | boolean | undefined> | URLSearchParams | undefined;
  /** Sent as JSON; a `URLSearchParams` is sent form-encoded. */
  body?: unknown;
  /** Parses the response; a mismatch becomes a `ValidationError` naming the field. */
  schema?: Schema;
  /**
   * Parses the JSON body instead of `schema`, inside the call: a `ValidationError` it throws is
   * logged and reported as the call's own, and ends it without a retry.
   */
  parse?: ((json: unknown, context: ParseContext) => unknown) | undefined;
  /** Secrets sent in this request (in the body, say) that no error message may quote. */
  redact?: ReadonlyArray<string | undefined> | undefined;
  /**
   * The answer itself carries secrets (the token endpoint's does): a body kept on an error keeps
   * its shape, but the value under any key that names a secret is replaced. @default false
   */
  secretBody?: boolean | undefined;
}
