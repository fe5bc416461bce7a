import { MAX_SERVER_CLOSURE_MS } from './serverWait.js';

/** Why a connection is closed for now: the 429 that said to wait longer than the client waits. */
export interface GateClosure {
  /** When calls may go out again, epoch ms: the server's wait, at most an hour from the 429. */
  until: number;
  /** How long the server asked to wait, in ms (it may be longer than the closure). */
  askedMs: number;
  /** The request id of the 429. */
  requestId: string | undefined;
}

/**
 * Remembers, per connection, a server-given wait too long to sit out (beyond `maxRetryAfterMs`):
 * until it passes, calls for that connection fail at once instead of reaching the server or
 * queueing. Works with or without the client-side limiter. A closure lasts at most
 * {@link MAX_SERVER_CLOSURE_MS}: then one call asks the server again, so a wrong header cannot
 * shut a connection until the process restarts.
 */
export class RateLimitGate {
  readonly #closed = new Map<string, GateClosure>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Closes `key` for `waitMs` (at most an hour) from now; a later closure wins over an earlier one. */
  close(key: string, waitMs: number, requestId: string | undefined): void {
    const closedMs = Number.isNaN(waitMs)
      ? 0
      : Math.min(Math.max(0, waitMs), MAX_SERVER_CLOSURE_MS);
    const until = this.now() + closedMs;
    if ((this.#closed.get(key)?.until ?? 0) < until) {
      this.#closed.set(key, { until, askedMs: waitMs, requestId });
    }
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
