import type { UsedLinkStore } from '@makini-kit/core';
import { checkRedisOptions } from './checkRedisOptions.js';
import type { RedisConnection } from './RedisConnection.js';

/** Options of {@link RedisUsedLinks}. */
export interface RedisUsedLinksOptions {
  /** From `toRedisConnection(client)`. */
  connection: RedisConnection;
  /** Put before every key, e.g. one per environment sharing a Redis. @default 'makini:' */
  prefix?: string | undefined;
}

/**
 * How long a mark outlives its link. Replicas' clocks and Redis's disagree by a little: a mark that
 * ended with the link on Redis's clock would be gone while a replica behind it still takes the link
 * as valid, and a second redeem would be first again.
 */
const MARGIN_MS = 5 * 60_000;

/** Whole epoch ms. */
function checkExpiresAt(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
    throw new RangeError(
      `RedisUsedLinks.markUsed: expiresAt must be an epoch time in ms, got ${String(value)}.`,
    );
  }
  return Math.ceil(value);
}

/**
 * A {@link UsedLinkStore} in Redis, so a reconnect link redeemed on one replica is refused on every
 * other: `SET <prefix>link:used:<id> 1 NX PX <ms>`, one atomic step, so of two redeems at once
 * exactly one is first. The key lives until the link's expiry plus 5 minutes, counted from Redis's
 * clock, so a replica whose clock is behind still finds it (even when `expiresAt` is already past).
 * Redis failures are `StateStoreError`s: the redeem fails rather than letting a link work twice.
 *
 * @example
 * const links = new ReconnectLinks({
 *   secrets: [process.env.RECONNECT_LINK_SECRET!],
 *   usedLinks: new RedisUsedLinks({ connection: toRedisConnection(redis) }),
 * });
 */
export class RedisUsedLinks implements UsedLinkStore {
  readonly #connection: RedisConnection;
  readonly #prefix: string;

  /**
   * Each replica makes its own, on the same Redis (and `prefix`).
   *
   * @param options The connection from `toRedisConnection`, and the rest of {@link RedisUsedLinksOptions}.
   * @throws {TypeError} When an option is missing or of the wrong type.
   */
  constructor(options: RedisUsedLinksOptions) {
    checkRedisOptions('RedisUsedLinks', options);
    this.#connection = options.connection;
    this.#prefix = options.prefix ?? 'makini:';
  }

  /** The Redis key that marks a link used. */
  keyOf(id: string): string {
    return `${this.#prefix}link:used:${id}`;
  }

  async markUsed(id: string, expiresAt: number): Promise<boolean> {
    const ttlMs = Math.max(checkExpiresAt(expiresAt) - Date.now(), 0) + MARGIN_MS;
    const set = await this.#connection.command('usedLinks.markUsed', [
      'SET',
      this.keyOf(id),
      '1',
      'NX',
      'PX',
      ttlMs,
    ]);
    return set === 'OK';
  }

  async isUsed(id: string): Promise<boolean> {
    return (
      Number(await this.#connection.command('usedLinks.isUsed', ['EXISTS', this.keyOf(id)])) === 1
    );
  }
}
