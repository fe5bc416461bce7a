/** Why a connection is closed for now: the 429 that said to wait longer than the client waits. */
export interface GateClosure {
  /** When the server's window passes, epoch ms. */
  until: number;
  /** The request id of the 429. */
  requestId: string | undefined;
}

/**
 * Remembers, per connection, a server-given wait too long to sit out (beyond `maxRetryAfterMs`):
 * until it passes, calls for that connection fail at once instead of reaching the server or
 * queueing. Works with or without the client-side limiter.
 */
export class RateLimitGate {
  readonly #closed = new Map<string, GateClosure>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Closes `key` for `waitMs` from now (a later closure wins over an earlier one). */
  close(key: string, waitMs: number, requestId: string | undefined): void {
    const until = this.now() + waitMs;
    if ((this.#closed.get(key)?.until ?? 0) < until) this.#closed.set(key, { until, requestId });
  }

  /** The closure still in force for `key`, or `undefined` once its window passed. */
  check(key: string): (GateClosure & { remainingMs: number }) | undefined {
    const closure = this.#closed.get(key);
    if (!closure) return undefined;
    const remainingMs = closure.until - this.now();
    if (remainingMs > 0) return { ...closure, remainingMs };
    this.#closed.delete(key);
    return undefined;
  }
}
