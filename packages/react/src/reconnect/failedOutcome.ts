import type { ReconnectOutcome } from './ReconnectOutcome.js';

/** A `failed` outcome for an error: its own string `code` and `requestId` when it has them. */
export function failedOutcome(
  error: unknown,
  connectionId: string | undefined,
  fallbackCode: string,
): Extract<ReconnectOutcome, { type: 'failed' }> {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    requestId?: unknown;
  };
  return {
    type: 'failed',
    ...(connectionId ? { connectionId } : {}),
    error,
    code: typeof fields.code === 'string' && fields.code ? fields.code : fallbackCode,
    ...(typeof fields.requestId === 'string' && fields.requestId
      ? { requestId: fields.requestId }
      : {}),
  };
}
