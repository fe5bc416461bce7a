/** One attempt of one API call; never holds headers or bodies, so no secret can reach it. */
export interface RequestLogEntry {
  /** The server's `x-request-id`, when a response arrived. */
  requestId?: string | undefined;
  method: string;
  /** Path and query, secrets redacted. */
  path: string;
  /** Response status; absent when no response arrived. */
  status?: number | undefined;
  /** From 1; retries have higher numbers. */
  attempt: number;
  durationMs: number;
  /** Start time, epoch milliseconds. */
  startedAt: number;
  /** The error kind and code when the attempt failed. */
  error?: { kind: string; code: string } | undefined;
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
 */
export class RequestLog<Entry = RequestLogEntry> {
  private readonly entries: Array<Entry | undefined>;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 200) {
    this.entries = new Array(Math.max(1, capacity));
  }

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

  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
