import type { ErrorCode } from '@makini-kit/core';

/** Thrown by a route to answer with Makini's error body `{ error: { code, message, request_id } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      fields?: Record<string, string[]>;
      headers?: Record<string, string>;
      connectionId?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A 400 naming the invalid input, e.g. `invalid('per_page', 'must be an integer from 1 to 1000')`. */
  static invalid(field: string, problem: string): ApiError {
    return new ApiError(400, 'VALIDATION_ERROR', `${field} ${problem}.`, {
      fields: { [field]: [problem] },
    });
  }
}
