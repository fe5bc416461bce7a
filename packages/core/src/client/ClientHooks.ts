import type { MakiniError } from '../errors/MakiniError.js';
import type { MakiniErrorCode } from '../errors/MakiniErrorCode.js';
import type { InvalidRecordEvent } from './operations/InvalidRecord.js';
import type { RequestLogEntry } from './RequestLog.js';

/** Events the client reports for every attempt; the same shape feeds the request log. */
export interface ClientHooks {
  /** An attempt is about to be sent. */
  onRequest?: (event: {
    /** The HTTP method. */
    method: string;
    /** Path and query, secrets redacted. */
    path: string;
    /** From 1; retries have higher numbers. */
    attempt: number;
  }) => void;
  /** An attempt got a response (any status): its request-log entry. */
  onResponse?: (event: RequestLogEntry & { status: number }) => void;
  /** An attempt failed (an error status, or no usable response): its log entry and the error. */
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
