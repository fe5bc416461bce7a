import { checkTtl } from './checkTtl.js';
import type { ClaimResult, DedupeStore } from './DedupeStore.js';
import {
  type DedupeCommands,
  dedupeCommands,
  type NodeRedisLike,
  type RedisLike,
} from './dedupeCommands.js';
import { newClaimToken } from './newClaimToken.js';

export type { NodeRedisLike, RedisLike };

// Each script reads the key and acts on it in one step, so a claim that changed hands between a
// GET and a write is never touched: only the token that owns a claim renews, drops or finishes it.
const RENEW =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
// Also when the claim lapsed with no new owner: the event was processed, so say so.
const COMPLETE =
  "local held = redis.call('GET', KEYS[1]) if held == ARGV[1] or held == false then redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2]) return 1 else return 0 end";

/** Redis takes whole milliseconds, at least one. */
const milliseconds = (ms: number) => Math.max(1, Math.ceil(ms));

/**
 * Dedupe across instances: the claim is one atomic `SET key <token> PX ttl NX`, so of two
 * instances receiving the same event at once exactly one processes it; renewing, releasing and
 * completing are Lua compare-and-set scripts on that token.
 *
 * It takes the Redis client itself (ioredis, or a connected node-redis client), not the
 * `toRedisConnection(...)` that the `@makini-kit/redis` stores take.
 *
 * @throws {TypeError} when `client` is missing or is not a Redis client (`{ connection }` says so)
 * @example
 * import { Redis } from 'ioredis';
 * const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * redis.on('error', (error) => console.warn('redis:', error.message));
 * const dedupe = new RedisDedupeStore({ client: redis });
 */
export class RedisDedupeStore implements DedupeStore {
  private readonly client: DedupeCommands;
  private readonly prefix: string;

  /**
   * Every instance of the endpoint makes one on the same Redis (and `prefix`).
   *
   * @param options The Redis client and the key prefix.
   * @throws {TypeError} When `client` is not an ioredis or connected node-redis client, or
   *   `prefix` is not a string.
   */
  constructor(options: {
    /** ioredis (`new Redis(url)`), a connected node-redis client, or an object like `RedisLike`. */
    client: RedisLike | NodeRedisLike;
    /** @default 'makini:webhook:' */
    prefix?: string;
  }) {
    this.client = dedupeCommands(options);
    const prefix = options.prefix ?? 'makini:webhook:';
    if (typeof prefix !== 'string') {
      throw new TypeError(`RedisDedupeStore: prefix must be a string, got ${typeof prefix}.`);
    }
    this.prefix = prefix;
  }

  async claim(id: string, processingTtlMs: number): Promise<ClaimResult> {
    checkTtl('RedisDedupeStore.claim', 'processingTtlMs', processingTtlMs);
    const key = this.prefix + id;
    const token = newClaimToken();
    if (await this.client.setIfAbsent(key, token, milliseconds(processingTtlMs)))
      return { status: 'claimed', token };
    return (await this.client.get(key)) === 'done' ? { status: 'done' } : { status: 'in_progress' };
  }

  async renew(id: string, token: string, processingTtlMs: number): Promise<boolean> {
    checkTtl('RedisDedupeStore.renew', 'processingTtlMs', processingTtlMs);
    return (
      Number(
        await this.client.eval(RENEW, this.prefix + id, [token, milliseconds(processingTtlMs)]),
      ) === 1
    );
  }

  async complete(id: string, token: string, doneTtlMs: number): Promise<void> {
    checkTtl('RedisDedupeStore.complete', 'doneTtlMs', doneTtlMs);
    await this.client.eval(COMPLETE, this.prefix + id, [token, milliseconds(doneTtlMs)]);
  }

  async release(id: string, token: string): Promise<void> {
    await this.client.eval(RELEASE, this.prefix + id, [token]);
  }
}
