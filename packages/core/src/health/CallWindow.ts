/** Most calls one connection's window keeps, whatever the window's length. */
const MAX_CALLS = 10_000;

/** One connection's recent calls, over a sliding window: its error rate and sample count. */
export class CallWindow {
  #calls: Array<{ at: number; ok: boolean }> = [];

  /** Adds a call and drops those older than `windowMs` before `at`. */
  record(at: number, ok: boolean, windowMs: number): { errorRate: number; samples: number } {
    const calls = this.#calls;
    calls.push({ at, ok });
    const windowStart = at - windowMs;
    while (calls.length > 0 && (calls[0]?.at ?? 0) < windowStart) calls.shift();
    if (calls.length > MAX_CALLS) calls.splice(0, calls.length - MAX_CALLS);
    const failures = calls.filter((call) => !call.ok).length;
    return { errorRate: calls.length === 0 ? 0 : failures / calls.length, samples: calls.length };
  }

  reset(): void {
    this.#calls = [];
  }
}
