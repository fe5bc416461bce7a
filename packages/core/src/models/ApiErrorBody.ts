import * as z from 'zod';
import { ErrorCode } from '../errors/ErrorCode.js';

const KNOWN = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/**
 * The body of every Makini error response: `{ error: { code, message, request_id } }`.
 * `code` is an {@link ErrorCode} or, from a newer API, another string (kept as sent).
 * `fields` names the invalid inputs of a `VALIDATION_ERROR`.
 */
export const ApiErrorBody = z.looseObject({
  /** What went wrong. */
  error: z.looseObject({
    /** An {@link ErrorCode}, or another string a newer API sends. */
    code: z.union([z.enum(KNOWN), z.string().min(1)]),
    /** What went wrong, in words. */
    message: z.string(),
    /** The request's id: quote it to Makini support. */
    request_id: z.string().nullish(),
    /** For `VALIDATION_ERROR`: each invalid input and what is wrong with it. */
    fields: z.record(z.string(), z.array(z.string())).nullish(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
