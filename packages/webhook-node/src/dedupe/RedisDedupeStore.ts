import type { ClaimResult, DedupeStore } from './DedupeStore.js';

/**
 * The few Redis commands the store uses, as `ioredis` (and `node-redis` v4 through a small
 * wrapper) expose them; no Redis client is bundled.
 */
export interface RedisLike {
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
  set(key: string, value: string, px: 'PX', milliseconds: number): Promise<'OK' | null>;
  get(key: string): Promise<string | null>;
  eval(script: string, keys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** Deletes the key only while it still says "processing", so a late release never undoes "done". */
const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * Dedupe across instances: the claim is one atomic `SET key processing PX ttl NX`, so of two
 * instances receiving the same event at once exactly one processes it.
 *
 * @example
 * import Redis from 'ioredis';
 * const dedupe = new RedisDedupeStore({ client: new Redis(process.env.REDIS_URL) });
 */
export class RedisDedupeStore implements DedupeStore {
  private readonly client: RedisLike;
  private readonly prefix: string;

  constructor(options: { client: RedisLike; prefix?: string }) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'makini:webhook:';
  }

  async claim(id: string, processingTtlMs: number): Promise<ClaimResult> {
    const key = this.prefix + id;
    if ((await this.client.set(key, 'processing', 'PX', processingTtlMs, 'NX')) === 'OK')
      return 'claimed';
    return (await this.client.get(key)) === 'done' ? 'done' : 'in_progress';
  }

  async complete(id: string, doneTtlMs: number): Promise<void> {
    await this.client.set(this.prefix + id, 'done', 'PX', doneTtlMs);
  }

  async release(id: string): Promise<void> {
    await this.client.eval(RELEASE, 1, this.prefix + id, 'processing');
  }
}
