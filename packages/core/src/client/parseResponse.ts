import type * as z from 'zod';
import { ConnectionError, ValidationError } from '../errors/MakiniError.js';

/** Which call a body belongs to, for the errors that name it. */
export interface ResponseContext {
  method: string;
  path: string;
  requestId: string | undefined;
  attempts: number;
}

/**
 * A success body as JSON, checked against `schema` when given. A body that is not JSON was cut short
 * or garbled in transit (`ConnectionError`, retryable like a reset); one that breaks the schema is a
 * `ValidationError` naming the field.
 */
export function parseResponse(
  text: string,
  schema: z.ZodType | undefined,
  context: ResponseContext,
): unknown {
  const where = `${context.method} ${context.path}`;
  let json: unknown;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new ConnectionError(
        'INVALID_RESPONSE',
        `${where}: the response body is not complete JSON.`,
        { ...context, cause },
      );
    }
  }
  if (!schema) return json;
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const issuePath = issue?.path.join('.') ?? '';
  throw new ValidationError(
    `${where}: the response does not match the expected shape at ${issuePath || '(root)'}: ${issue?.message}. The raw body is on error.body.`,
    { ...context, issuePath, body: json, cause: result.error },
  );
}

/** An error body: JSON when it parses, else the text as sent. */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
