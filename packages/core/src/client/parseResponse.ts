import type * as z from 'zod';
import { ConnectionError, ValidationError } from '../errors/MakiniError.js';
import type { ParseContext } from './RequestInput.js';
import { type BodyRedaction, redactBody } from './redactBody.js';
import { redactError } from './redactError.js';

/** Which call a body belongs to, for the errors that name it. */
export interface ResponseContext {
  method: string;
  path: string;
  requestId: string | undefined;
  attempts: number;
  /** What a body or a cause kept on an error must not hold. */
  redaction: BodyRedaction;
}

/** A custom parser and what it needs from the transport; see `RequestInput.parse`. */
export interface CustomParse {
  parse: (json: unknown, context: ParseContext) => unknown;
  strict: boolean;
  reportInvalidRecord: ParseContext['reportInvalidRecord'];
}

/**
 * A success body as JSON, checked against `schema` when given. A body that is not JSON was cut short
 * or garbled in transit (`ConnectionError`, retryable like a reset); one that breaks the schema is a
 * `ValidationError` naming the field, with a copy of the body that holds none of the call's secrets.
 */
export function parseResponse(
  text: string,
  schema: z.ZodType | undefined,
  context: ResponseContext,
  custom?: CustomParse,
): unknown {
  const { redaction, ...callContext } = context;
  const where = `${context.method} ${context.path}`;
  let json: unknown;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new ConnectionError(
        'INVALID_RESPONSE',
        `${where}: the response body is not complete JSON.`,
        // The parser's message quotes the start of the body.
        { ...callContext, cause: redactError(cause, redaction.secrets) },
      );
    }
  }
  const validationError = (issuePath: string, message: string, cause?: unknown) =>
    new ValidationError(
      `${where}: the response does not match the expected shape at ${issuePath || '(root)'}: ${message}. The body is on error.body${redaction.secretBody ? ', its secrets redacted' : ''}.`,
      { ...callContext, issuePath, body: redactBody(json, redaction), cause },
    );
  if (custom) {
    return custom.parse(json, {
      method: context.method,
      path: context.path,
      requestId: context.requestId,
      strict: custom.strict,
      validationError,
      reportInvalidRecord: custom.reportInvalidRecord,
    });
  }
  if (!schema) return json;
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw validationError(issue?.path.join('.') ?? '', issue?.message ?? 'invalid', result.error);
}

/** An error body: JSON when it parses, else the text as sent. */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
