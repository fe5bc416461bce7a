import { randomBytes } from 'node:crypto';
import type { Lease, Lock } from '@makini-kit/core';
import type { RedisConnection } from './RedisConnection.js';
import { redisScript } from './RedisScript.js';

/** Options of {@link RedisLock}. */
export interface RedisLockOptions {
  /** From `toRedisConnection(client)`. */
  connection: RedisConnection;
  /** Put before every key. @default 'makini:' */
  prefix?: string | undefined;
}

/** Takes a free lock and draws its fence in the same step: the fence, or nil when held. */
const ACQUIRE = redisScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false
`);

const EXTEND = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

const RELEASE = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

const MAX_TTL_MS = 2 ** 31 - 1;

function checkTtl(operation: string, ttlMs: number): number {
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs < 1 || ttlMs > MAX_TTL_MS) {
    throw new RangeError(
      `RedisLock.${operation}: ttlMs must be a number of milliseconds from 1 to 2^31-1, got ${String(ttlMs)}.`,
    );
  }
  return Math.ceil(ttlMs);
}

/**
 * A {@link Lock} in Redis, shared by every replica: `SET NX PX` with a random owner token, a fence
 * drawn by `INCR` in the same script (so fences only grow, whoever holds the lock), and extend and
 * release that act only for the owner. A key `<connection>:<name>` (the token refresh lock is
 * `<connectionKey>:refresh`) is stored as `<prefix>lock:{<connection>}:<name>`, with its fence
 * counter at `<prefix>fence:{<connection>}:<name>`, in the connection's Redis Cluster slot. The
 * lock key expires with the lease; the fence counter stays, so fences never go back.
 *
 * @example
 * const lock = new RedisLock({ connection: toRedisConnection(redis) });
 * const lease = await lock.tryAcquire('conn_1:refresh', 30_000);
 * if (lease) try { await work(lease.fence); } finally { await lock.release(lease); }
 */
export class RedisLock implements Lock {
  readonly #connection: RedisConnection;
  readonly #prefix: string;

  /**
   * Each replica makes its own, on the same Redis (and `prefix`).
   *
   * @param options The connection from `toRedisConnection`, and the rest of {@link RedisLockOptions}.
   * @throws {TypeError} When an option is missing or of the wrong type.
   */
  constructor(options: RedisLockOptions) {
    if (!options?.connection || typeof options.connection.evalScript !== 'function') {
      throw new TypeError(
        'RedisLock needs connection: toRedisConnection(client) with an ioredis or node-redis client.',
      );
    }
    if (options.prefix !== undefined && typeof options.prefix !== 'string') {
      throw new TypeError(`RedisLock: prefix must be a string, got ${typeof options.prefix}.`);
    }
    this.#connection = options.connection;
    this.#prefix = options.prefix ?? 'makini:';
  }

  /** The Redis keys of a lock and of its fence counter. */
  keysOf(key: string): {
    /** The lock's key; it expires with the lease. */
    lock: string;
    /** The fence counter's key; it never expires. */
    fence: string;
  } {
    const split = key.lastIndexOf(':');
    const tail = split > 0 ? `{${key.slice(0, split)}}${key.slice(split)}` : `{${key}}`;
    return { lock: `${this.#prefix}lock:${tail}`, fence: `${this.#prefix}fence:${tail}` };
  }

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    const ttl = checkTtl('tryAcquire', ttlMs);
    const keys = this.keysOf(key);
    const token = randomBytes(18).toString('base64url');
    // Measured before the request: the lease may end no later than this replica believes.
    const startedAt = Date.now();
    const fence = await this.#connection.evalScript(
      'lock.tryAcquire',
      ACQUIRE,
      [keys.lock, keys.fence],
      [token, ttl],
    );
    if (fence === null || fence === undefined) return undefined;
    return { key, token, fence: Number(fence), expiresAt: startedAt + ttl };
  }

  async extend(lease: Lease, ttlMs: number): Promise<boolean> {
    const ttl = checkTtl('extend', ttlMs);
    const startedAt = Date.now();
    const extended = await this.#connection.evalScript(
      'lock.extend',
      EXTEND,
      [this.keysOf(lease.key).lock],
      [lease.token, ttl],
    );
    if (Number(extended) !== 1) return false;
    lease.expiresAt = startedAt + ttl;
    return true;
  }

  async release(lease: Lease): Promise<void> {
    await this.#connection.evalScript(
      'lock.release',
      RELEASE,
      [this.keysOf(lease.key).lock],
      [lease.token],
    );
  }
}
