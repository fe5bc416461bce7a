/** One connection's budget: `limit` requests per `windowMs`. */
export interface RateLimitPolicy {
  /** Requests per window. */
  limit: number;
  /** The window's length, in ms. */
  windowMs: number;
}

/** The answer to `take`: go, or wait `waitMs` and ask again. */
export type RateLimitTake =
  | {
      /** A request of the window is spent: send now. */
      granted: true;
    }
  | {
      /** None left: wait. */
      granted: false;
      /** Until it is worth asking again, in ms. */
      waitMs: number;
      /** When the window resets, epoch ms. */
      resetAt: number;
    };

/** What a response said about the server's window. */
export interface RateLimitObservation {
  /** Requests left in the server's window (`x-ratelimit-remaining`). */
  remaining?: number | undefined;
  /** The server's limit per window (`x-ratelimit-limit`). */
  limit?: number | undefined;
  /** From now until the server's window resets, in ms. */
  resetInMs?: number | undefined;
}

/**
 * The budget of each connection, counted where every replica sees it. `ClientRateLimiter` keeps
 * the waiting callers; the store keeps the count, the window and the pauses. Implementations:
 * `MemoryRateLimitStore` (one process, the default), `RedisRateLimitStore` (`@makini-kit/redis`).
 */
export interface RateLimitStore {
  /** Spends one request of the window if one is left. */
  take(key: string, policy: RateLimitPolicy): RateLimitTake | Promise<RateLimitTake>;
  /** A response arrived: the request is no longer in flight, and the server's view corrects the count. */
  observe(
    key: string,
    observation: RateLimitObservation,
    policy: RateLimitPolicy,
  ): void | Promise<void>;
  /** A request ended without a response (network error, abort). */
  settle(key: string): void | Promise<void>;
  /** After a 429 or `Retry-After`: nothing goes out for this connection for `ms`, on any replica. */
  pause(key: string, ms: number, policy: RateLimitPolicy): void | Promise<void>;
}
