/** One attempt of one API call; never holds headers or bodies, so no secret can reach it. */
export interface RequestLogEntry {
  /** The server's `x-request-id`, when a response arrived. */
  requestId?: string | undefined;
  /** The HTTP method. */
  method: string;
  /** Path and query, secrets redacted. */
  path: string;
  /** Response status; absent when no response arrived. */
  status?: number | undefined;
  /** From 1; retries have higher numbers. */
  attempt: number;
  /** How long the attempt took, in ms. */
  durationMs: number;
  /** Start time, epoch milliseconds. */
  startedAt: number;
  /** The error kind and code when the attempt failed. */
  error?:
    | {
        /** The error's class, e.g. `RateLimitError`. */
        kind: string;
        /** The error's code, e.g. `RATE_LIMIT_EXCEEDED`. */
        code: string;
      }
    | undefined;
  /** How long the client waits before the next attempt, when it retries. */
  retryInMs?: number | undefined;
  /**
   * The OpenTelemetry trace of the attempt, when the client has `telemetry` and a span was
   * recording: look the call up in your tracing tool by it.
   */
  traceId?: string | undefined;
}

/**
 * A bounded ring buffer of the most recent entries; memory stays flat however long the client runs.
 * Generic, so other logs (the sandbox's) keep their own entry shape.
 *
 * @example
 * for (const entry of client.requestLog.list()) {
 *   console.log(entry.method, entry.path, entry.status, `${entry.durationMs} ms`, entry.requestId);
 * }
 */
export class RequestLog<Entry = RequestLogEntry> {
  private readonly entries: Array<Entry | undefined>;
  private next = 0;
  private count = 0;

  /**
   * A client makes its own (`client.requestLog`); make one to share between a client and the
   * token calls (`requestLog` of `exchangeCode`).
   *
   * @param capacity How many entries are kept; the oldest goes first.
   */
  constructor(
    /** How many entries are kept. */
    readonly capacity = 200,
  ) {
    this.entries = new Array(Math.max(1, capacity));
  }

  /** Adds an entry, dropping the oldest when full. */
  add(entry: Entry): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.entries.length;
    this.count = Math.min(this.count + 1, this.entries.length);
  }

  /** Entries, oldest first. */
  list(): Entry[] {
    const start = (this.next - this.count + this.entries.length) % this.entries.length;
    const result: Entry[] = [];
    for (let index = 0; index < this.count; index++) {
      const entry = this.entries[(start + index) % this.entries.length];
      if (entry) result.push(entry);
    }
    return result;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
