import type { ReconnectOutcome } from './ReconnectOutcome.js';

/** What a `failed` outcome says beside its type and connection. */
export type Failure = Omit<Extract<ReconnectOutcome, { type: 'failed' }>, 'type' | 'connectionId'>;

/** The `failed` fields for an error: its own string `code` and `requestId` when it has them. */
export function failureOf(error: unknown, fallbackCode: string): Failure {
  const { code, requestId } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    requestId?: unknown;
  };
  return {
    error,
    code: typeof code === 'string' && code ? code : fallbackCode,
    ...(typeof requestId === 'string' && requestId ? { requestId } : {}),
  };
}
