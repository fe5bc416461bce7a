import { RateLimitError } from '../errors/MakiniError.js';
import { checkRateLimitPolicy, MemoryRateLimitStore } from '../state/MemoryRateLimitStore.js';
import type { RateLimitPolicy, RateLimitStore, RateLimitTake } from '../state/RateLimitStore.js';
import { observationOf } from './observationOf.js';
import { MAX_TIMEOUT_MS } from './timers.js';

/** The client-side limit: what Makini allows per connection per window. */
export interface RateLimitOptions {
  /** Requests per window. */
  limit: number;
  /** The window, in ms: from 1 to 2^31-1. @default 60_000 */
  windowMs?: number;
  /**
   * Where each connection's budget is counted. Give every replica the same shared store
   * (`RedisRateLimitStore` from `@makini-kit/redis`) and the replicas together stay within one
   * budget, and a 429 seen by one pauses the connection on all. @default a `MemoryRateLimitStore`
   * of this limiter's own
   */
  store?: RateLimitStore | undefined;
}

/** How a caller waits in `acquire`. */
export interface AcquireOptions {
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /**
   * The longest wait the caller accepts. When the bucket is empty until later than this, `acquire`
   * rejects at once with a `RateLimitError` carrying the wait in `retryAfterMs`. @default 60_000
   */
  maxWaitMs?: number | undefined;
  /**
   * Called when the caller has to wait for the bucket (behind others, or until it refills), not
   * for a store's answer; possibly more than once. The client records the wait as a span event.
   */
  onWait?: (() => void) | undefined;
}

interface Waiter {
  grant: () => void;
  fail: (error: unknown) => void;
  maxWaitMs: number;
  onWait: (() => void) | undefined;
}

/** The callers of one connection waiting in this process, in order. */
interface Lane {
  queue: Waiter[];
  timer?: ReturnType<typeof setTimeout> | undefined;
  /** A `take` of the store is under way. */
  busy: boolean;
  /** The reset the store gave at its last refusal, epoch ms. */
  resetAt: number;
}

/** Said when a wait is longer than the caller accepts; the client adds which call it was. */
function tooLong(waitMs: number, resetAt: number, maxWaitMs: number) {
  return new RateLimitError(
    429,
    `This connection's rate limit is spent for another ${waitMs} ms, longer than the ${maxWaitMs} ms the call may wait.`,
    { retryAfterMs: waitMs, resetAt: new Date(resetAt) },
  );
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as Promise<T>)?.then === 'function';

/** A store's failure to note an answer must not fail the call that has it; the next take reports it. */
const ignore = (result: void | Promise<void>) => {
  if (isPromise(result)) result.catch(() => undefined);
};

/**
 * A token bucket per connection that refills once per window, mirroring Makini's fixed windows.
 * The `x-ratelimit-*` headers of every response correct it (remaining and reset are the server's
 * truth), so a client stays close to the limit without tripping it. The count lives in a
 * {@link RateLimitStore} (shared by replicas when it is); the waiting stays here: callers are
 * served in order per connection, and a refused one sleeps the store's `waitMs` and asks again.
 *
 * @example
 * const limiter = new ClientRateLimiter({ limit: 60, windowMs: 60_000 });
 * await limiter.acquire('conn_1'); // waits while the connection's window is spent
 * const response = await fetch(url);
 * limiter.observe('conn_1', response.headers);
 */
export class ClientRateLimiter {
  private readonly lanes = new Map<string, Lane>();
  private readonly policy: RateLimitPolicy;
  private readonly store: RateLimitStore;

  /**
   * A client makes one from its `rateLimit` option; make one yourself to limit calls of your own.
   *
   * @param options The limit per window, and the store that counts it.
   * @param now The clock, for tests.
   * @throws {RangeError} For a limit or window out of range.
   */
  constructor(
    options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.policy = { limit: options.limit, windowMs: options.windowMs ?? 60_000 };
    checkRateLimitPolicy(this.policy);
    this.store = options.store ?? new MemoryRateLimitStore({ now });
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { queue: [], busy: false, resetAt: 0 };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  /**
   * Resolves when a request may be sent; waits (in order) while the bucket is empty, and rejects at
   * once with a `RateLimitError` when the bucket stays empty longer than `maxWaitMs`. Rejects with
   * the store's error (`StateStoreError`) when the store cannot answer.
   */
  acquire(key: string, options: AcquireOptions = {}): Promise<void> {
    const { signal } = options;
    const maxWaitMs = options.maxWaitMs ?? 60_000;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const known = this.lanes.get(key);
    let denied: (RateLimitTake & { granted: false }) | undefined;
    let pending: Promise<RateLimitTake> | undefined;
    if (!known || (known.queue.length === 0 && !known.busy)) {
      let taken: RateLimitTake | Promise<RateLimitTake>;
      try {
        taken = this.store.take(key, this.policy);
      } catch (error) {
        return Promise.reject(error);
      }
      // The store answered at once (in memory): a granted call costs no extra tick.
      if (isPromise(taken)) pending = taken;
      else if (taken.granted) return Promise.resolve();
      else denied = taken;
    }
    const lane = known ?? this.lane(key);
    if (denied) lane.resetAt = denied.resetAt;
    if (lane.queue.length > 0 || denied) {
      const waitMs = lane.resetAt - this.now();
      if (waitMs > maxWaitMs) return Promise.reject(tooLong(waitMs, lane.resetAt, maxWaitMs));
      options.onWait?.();
    }
    return new Promise((resolve, reject) => {
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        lane.queue = lane.queue.filter((queued) => queued !== waiter);
        if (lane.queue.length === 0) this.stop(lane);
      };
      const waiter: Waiter = {
        maxWaitMs,
        onWait: options.onWait,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = () => {
        leave();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      lane.queue.push(waiter);
      if (pending) this.awaitTake(key, lane, pending);
      else if (denied) this.refused(key, lane, denied);
      else this.pump(key, lane);
    });
  }

  private stop(lane: Lane) {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = undefined;
  }

  /** Asks the store for the first waiter, then the next, until it says wait. */
  private pump(key: string, lane: Lane) {
    while (lane.queue.length > 0 && !lane.busy && !lane.timer) {
      let taken: RateLimitTake | Promise<RateLimitTake>;
      try {
        taken = this.store.take(key, this.policy);
      } catch (error) {
        return this.failAll(lane, error);
      }
      if (isPromise(taken)) return this.awaitTake(key, lane, taken);
      if (!this.answered(key, lane, taken)) return;
    }
  }

  /** A store that answers later (over the network): the lane waits for it, then goes on. */
  private awaitTake(key: string, lane: Lane, taken: Promise<RateLimitTake>) {
    lane.busy = true;
    taken.then(
      (answer) => {
        lane.busy = false;
        if (this.answered(key, lane, answer)) this.pump(key, lane);
      },
      (error: unknown) => {
        lane.busy = false;
        // Every caller waiting now would ask the same store: each gets its failure at once.
        this.failAll(lane, error);
      },
    );
  }

  /** Applies the store's answer; true when the next waiter may ask at once. */
  private answered(key: string, lane: Lane, taken: RateLimitTake): boolean {
    if (taken.granted) {
      const waiter = lane.queue.shift();
      // The waiter left while the store answered: the slot is not used, so it is not in flight.
      if (waiter) waiter.grant();
      else ignore(this.store.settle(key));
      return true;
    }
    lane.resetAt = taken.resetAt;
    this.refused(key, lane, taken);
    return false;
  }

  /** The store said wait: callers who accept less are refused, the others sleep `waitMs`. */
  private refused(key: string, lane: Lane, taken: RateLimitTake & { granted: false }) {
    const waitMs = taken.resetAt - this.now();
    for (const waiter of [...lane.queue]) {
      if (waitMs > waiter.maxWaitMs) waiter.fail(tooLong(waitMs, taken.resetAt, waiter.maxWaitMs));
    }
    if (lane.queue.length === 0 || lane.timer) return;
    for (const waiter of lane.queue) waiter.onWait?.();
    // A far reset is reached in steps: a longer timer would fire at once and spin.
    lane.timer = setTimeout(
      () => {
        lane.timer = undefined;
        this.pump(key, lane);
      },
      Math.min(Math.max(0, taken.waitMs), MAX_TIMEOUT_MS),
    );
  }

  private failAll(lane: Lane, error: unknown) {
    for (const waiter of [...lane.queue]) waiter.fail(error);
  }

  /** Waiting callers ask the store again now: a pause or a server's answer may have moved the reset. */
  private recheck(key: string) {
    const lane = this.lanes.get(key);
    if (!lane || lane.queue.length === 0) return;
    this.stop(lane);
    this.pump(key, lane);
  }

  /** A request sent after `acquire` ended without a response (network error, abort). */
  settle(key: string): void {
    ignore(this.store.settle(key));
  }

  /**
   * A response arrived: the request is no longer in flight, and the server's view (its limit, what
   * remains, and when the window resets) corrects the bucket.
   */
  observe(key: string, headers: Headers): void {
    const observation = observationOf(headers, this.now());
    if (!observation) {
      this.settle(key);
      return;
    }
    const observed = this.store.observe(key, observation, this.policy);
    if (isPromise(observed))
      observed.then(
        () => this.recheck(key),
        () => undefined,
      );
    else this.recheck(key);
  }

  /**
   * After a 429 the connection is paused for `retryAfterMs` from now (an hour at most), in the
   * store: with a shared store, on every replica. Rejects with the store's error when it fails.
   */
  exhaust(key: string, retryAfterMs: number): Promise<void> | undefined {
    const paused = this.store.pause(key, retryAfterMs, this.policy);
    if (isPromise(paused)) return paused.then(() => this.recheck(key));
    this.recheck(key);
    return undefined;
  }

  /** Stops pending timers (waiting callers stay queued). */
  dispose(): void {
    for (const lane of this.lanes.values()) this.stop(lane);
  }
}
