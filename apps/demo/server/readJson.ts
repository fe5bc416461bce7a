import type { Context } from 'hono';
import type { z } from 'zod';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';

/** True for exactly the `application/json` media type (any case, any parameters). */
export function isJsonContentType(type: string | undefined): boolean {
  return type?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The request's JSON body, checked by `schema`. Invalid JSON and invalid fields are 400s that name
 * what is wrong; the first invalid field is `field`, the body itself is `(body)`.
 */
export async function readJson<Schema extends z.ZodType>(
  context: Context,
  schema: Schema,
): Promise<z.output<Schema>> {
  const text = await context.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new DemoHttpError(
      400,
      DemoErrorCode.INVALID_JSON,
      `The request body is not valid JSON (${(cause as Error).message}).`,
    );
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    fields[field] = [...(fields[field] ?? []), issue.message];
  }
  const [field, problems] = Object.entries(fields)[0] ?? ['(body)', ['is invalid']];
  throw new DemoHttpError(
    400,
    DemoErrorCode.VALIDATION_ERROR,
    `${field}: ${problems.join('; ')}.`,
    fields,
  );
}
