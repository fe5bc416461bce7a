import type * as z from 'zod';

/** Options every method takes. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  maxRetries?: number | undefined;
  /** Per attempt: waiting for the token and the rate limiter, the request and the whole body. */
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  /** Makes a POST safe to retry: the server applies it once. */
  idempotencyKey?: string | undefined;
}

export interface RequestInput<Schema extends z.ZodType | undefined> extends RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined> | URLSearchParams | undefined;
  /** Sent as JSON; a `URLSearchParams` is sent form-encoded. */
  body?: unknown;
  /** Parses the response; a mismatch becomes a `ValidationError` naming the field. */
  schema?: Schema;
  /** Secrets sent in this request (in the body, say) that no error message may quote. */
  redact?: ReadonlyArray<string | undefined> | undefined;
  /**
   * The answer itself carries secrets (the token endpoint's does): a body kept on an error keeps
   * its shape, but the value under any key that names a secret is replaced. @default false
   */
  secretBody?: boolean | undefined;
}
