import type { MakiniError } from '../errors/MakiniError.js';
import type { MakiniErrorCode } from '../errors/MakiniErrorCode.js';
import type { InvalidRecordEvent } from './operations/InvalidRecord.js';
import type { RequestLogEntry } from './RequestLog.js';

/** Events the client reports for every attempt; the same shape feeds the request log. */
export interface ClientHooks {
  onRequest?: (event: { method: string; path: string; attempt: number }) => void;
  onResponse?: (event: RequestLogEntry & { status: number }) => void;
  onError?: (
    event: RequestLogEntry & { error: { kind: string; code: MakiniErrorCode } },
    error: MakiniError,
  ) => void;
  /**
   * A record broke its schema and was set aside (`page.invalidRecords`) instead of failing its
   * page. Not called under `strict`, where the call throws `ValidationError` instead.
   */
  onInvalidRecord?: (event: InvalidRecordEvent) => void;
}
