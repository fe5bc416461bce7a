import { MakiniError, StateStoreError } from '@makini-kit/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DemoErrorCode } from './DemoErrorCode.js';

/**
 * A failed call to Makini as the browser sees it: the kit's error code and Makini's request id,
 * and an HTTP status that says whose fault it was. Shared state that is away (Redis down) is a 503
 * with `STATE_STORE_UNAVAILABLE` on every route, whatever the route would say of Makini's errors.
 */
export function problem(
  error: unknown,
  statusOfMakiniError: (error: MakiniError) => ContentfulStatusCode,
): { status: ContentfulStatusCode; body: { error: Record<string, unknown> } } {
  if (StateStoreError.is(error)) {
    return {
      status: 503,
      body: {
        error: {
          kind: error.kind,
          code: error.code,
          operation: error.operation,
          message: error.message,
        },
      },
    };
  }
  if (MakiniError.is(error)) {
    return {
      status: statusOfMakiniError(error),
      body: {
        error: {
          kind: error.kind,
          code: error.code,
          message: error.message,
          requestId: error.requestId,
        },
      },
    };
  }
  return {
    status: 500,
    body: { error: { code: DemoErrorCode.INTERNAL_ERROR, message: 'Unexpected error' } },
  };
}
