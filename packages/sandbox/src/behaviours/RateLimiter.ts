/** The state of one subject's window, sent as `x-ratelimit-*` headers. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the window resets, epoch milliseconds. */
  resetAt: number;
}

/**
 * Fixed-window limit per subject (a connection, or a client for system calls), as Makini applies it:
 * `limit` requests per window; the window starts with the first request after the previous one ended.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private limit: number,
    private windowMs: number,
    private readonly now: () => number,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  configure(limit: number, windowMs = this.windowMs) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.windows.clear();
  }

  get settings() {
    return { limit: this.limit, windowMs: this.windowMs };
  }

  take(subject: string): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(subject);
    if (!window || now >= window.startedAt + this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(subject, window);
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count++;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetAt: window.startedAt + this.windowMs,
    };
  }

  reset() {
    this.windows.clear();
  }
}
