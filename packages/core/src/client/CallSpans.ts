import type { MakiniError } from '../errors/MakiniError.js';
import { codeOf } from '../telemetry/codeOf.js';
import type { Telemetry, TelemetrySpan } from '../telemetry/Telemetry.js';
import type { RequestLogEntry } from './RequestLog.js';

/** Where the client sends its calls, as the HTTP semantic conventions name it. */
export interface ServerAttributes {
  'server.address': string;
  'server.port': number;
  'url.scheme': string;
}

export function serverAttributes(baseUrl: string): ServerAttributes {
  const url = new URL(baseUrl);
  const scheme = url.protocol.replace(/:$/, '');
  return {
    'server.address': url.hostname,
    'server.port': url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    'url.scheme': scheme,
  };
}

/** The HTTP conventions' `error.type`: the status of an answer that failed, else the error's code. */
function errorType(error: MakiniError, status: number | undefined): string {
  return status !== undefined && status >= 400 ? String(status) : error.code;
}

/** What a call's spans are described by; never a path with keys, a query, a header or a body. */
export interface CallDescription {
  method: string;
  /** The operation's route template, e.g. `/api/erp/purchase-orders/{key}`. */
  template: string | undefined;
  /** The connection key the client was given (not the default one). */
  connection: string | undefined;
  server: ServerAttributes;
}

/**
 * The spans of one logical call: an INTERNAL span for the call (retry and rate-limit waits are its
 * events) and a CLIENT span per attempt, as the HTTP client conventions say. Made only when the
 * call span records: with no SDK registered the call costs one no-op span, nothing more.
 */
export class CallSpans {
  readonly call: TelemetrySpan;
  readonly #telemetry: Telemetry;
  readonly #description: CallDescription;
  #attempts = 0;
  #requestId: string | undefined;

  private constructor(telemetry: Telemetry, call: TelemetrySpan, description: CallDescription) {
    this.#telemetry = telemetry;
    this.call = call;
    this.#description = description;
  }

  /** The call's spans, or `undefined` when nothing records them. */
  static start(telemetry: Telemetry, description: CallDescription): CallSpans | undefined {
    const { method, template, connection } = description;
    const call = telemetry.startSpan(`makini ${method}${template ? ` ${template}` : ''}`, {
      attributes: {
        'http.request.method': method,
        'url.template': template,
        'makini.connection': connection,
      },
    });
    if (!call.recording) {
      call.end();
      return undefined;
    }
    return new CallSpans(telemetry, call, description);
  }

  /** Runs `work` (the token lookup) with the call span active, so a refresh nests under it. */
  within<T>(work: () => T): T {
    return this.#telemetry.withSpan(this.call, work);
  }

  /** The CLIENT span of one attempt, started right before its request is sent. */
  attempt(attempt: number): TelemetrySpan {
    const { method, template, connection, server } = this.#description;
    return this.#telemetry.startSpan(template ? `${method} ${template}` : method, {
      kind: 'client',
      parent: this.call,
      attributes: {
        'http.request.method': method,
        'url.template': template,
        ...server,
        'makini.connection': connection,
        'makini.attempt': attempt,
        'http.request.resend_count': attempt > 1 ? attempt - 1 : undefined,
      },
    });
  }

  /** Ends an attempt's span with what its log entry says. */
  attemptEnded(span: TelemetrySpan, entry: RequestLogEntry, error?: MakiniError): void {
    this.#attempts = entry.attempt;
    this.#requestId = entry.requestId ?? this.#requestId;
    span.setAttributes({
      'http.response.status_code': entry.status,
      'makini.request_id': entry.requestId,
    });
    if (error) span.fail(errorType(error, entry.status));
    span.end();
  }

  /** The client waits before attempt `attempt + 1`. */
  retryWait(attempt: number, delayMs: number, error: MakiniError, serverWaitMs?: number): void {
    this.call.addEvent('makini.retry.wait', {
      'makini.attempt': attempt,
      'makini.retry.delay_ms': delayMs,
      'makini.retry.reason': error.code,
      'makini.retry.server_wait_ms': serverWaitMs,
    });
  }

  /** The client-side rate limiter held an attempt back. */
  rateLimitWait(attempt: number, waitedMs: number): void {
    this.call.addEvent('makini.rate_limit.wait', {
      'makini.attempt': attempt,
      'makini.rate_limit.wait_ms': Math.round(waitedMs),
    });
  }

  /** Ends the call span: its last request id, how many attempts, and the error it ended with. */
  end(error?: unknown): void {
    this.call.setAttributes({
      'makini.attempts': this.#attempts,
      'makini.request_id': this.#requestId,
    });
    if (error) this.call.fail(codeOf(error));
    this.call.end();
  }
}
