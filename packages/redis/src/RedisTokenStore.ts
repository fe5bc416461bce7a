import type { StoredTokens, TokenCipher, TokenSet, TokenStore, TokenWrite } from '@makini-kit/core';
import type { RedisConnection } from './RedisConnection.js';
import { redisScript } from './RedisScript.js';

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** From `toRedisConnection(client)`. */
  connection: RedisConnection;
  /** Seals every token set before it reaches Redis; Redis never holds a token in the clear. */
  cipher: TokenCipher;
  /** Put before every key, e.g. one per environment sharing a Redis. @default 'makini:' */
  prefix?: string | undefined;
}

/** Compare-and-set with fencing, as one step: `{1, version}` written, or `{0, version, sealed}`. */
const COMPARE_AND_SET = redisScript(`
local stored = redis.call('HMGET', KEYS[1], 'v', 'f', 't')
local version = tonumber(stored[1]) or 0
local highest = tonumber(stored[2]) or 0
local fence = tonumber(ARGV[3])
if version ~= tonumber(ARGV[1]) or (fence >= 0 and fence < highest) then
  return {0, version, stored[3] or false}
end
version = version + 1
redis.call('HSET', KEYS[1], 'v', version, 't', ARGV[2])
if fence > highest then redis.call('HSET', KEYS[1], 'f', fence) end
return {1, version}
`);

/** Unconditional write: a new version over whatever is stored; the fence stays. */
const SET = redisScript(`
local version = redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('HSET', KEYS[1], 't', ARGV[1])
return version
`);

/** The same tokens sealed with the current key: only over the very value read, version unchanged. */
const RESEAL = redisScript(`
local stored = redis.call('HMGET', KEYS[1], 'v', 't')
if stored[1] == ARGV[1] and stored[2] == ARGV[2] then
  redis.call('HSET', KEYS[1], 't', ARGV[3])
  return 1
end
return 0
`);

/** Opened values kept, so a read of an unchanged version skips the decryption. */
const CACHE_SIZE = 10_000;

/**
 * A {@link TokenStore} in Redis for a back end on several replicas. Each connection's tokens are one
 * hash, `<prefix>tokens:{<connectionKey>}` (`v` version, `f` highest fence written, `t` the sealed
 * token set), sealed by `cipher` with the connection key as additional data: Redis, its backups and
 * its replicas hold no token in the clear, and a value copied to another connection does not open.
 * Compare-and-set and its fence check run as one Lua script. A value sealed with a key other than
 * the first is sealed again with the first one when read (rotation: add a new key second on every
 * replica before moving it first, or replicas without it cannot open what the others reseal). Redis failures are `StateStoreError`s; no failure
 * deletes or overwrites tokens.
 *
 * @example
 * import Redis from 'ioredis';
 * import { TokenCipher } from '@makini-kit/core';
 * import { RedisTokenStore, toRedisConnection } from '@makini-kit/redis';
 *
 * const connection = toRedisConnection(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
 * const cipher = new TokenCipher({ keys: [{ id: 'k1', secret: process.env.MAKINI_TOKEN_KEY ?? '' }] });
 * const store = new RedisTokenStore({ connection, cipher });
 */
export class RedisTokenStore implements TokenStore {
  readonly #connection: RedisConnection;
  readonly #cipher: TokenCipher;
  readonly #prefix: string;
  readonly #opened = new Map<string, { sealed: string; tokens: TokenSet }>();

  /**
   * Each replica makes its own, on the same Redis (and `prefix`).
   *
   * @param options The connection from `toRedisConnection`, and the rest of {@link RedisTokenStoreOptions}.
   * @throws {TypeError} When an option is missing or of the wrong type.
   */
  constructor(options: RedisTokenStoreOptions) {
    if (!options?.connection || typeof options.connection.evalScript !== 'function') {
      throw new TypeError(
        'RedisTokenStore needs connection: toRedisConnection(client) with an ioredis or node-redis client.',
      );
    }
    if (!options.cipher || typeof options.cipher.seal !== 'function') {
      throw new TypeError(
        "RedisTokenStore needs cipher: new TokenCipher({ keys: [{ id, secret }] }) from '@makini-kit/core'; tokens are never stored in the clear.",
      );
    }
    if (options.prefix !== undefined && typeof options.prefix !== 'string') {
      throw new TypeError(
        `RedisTokenStore: prefix must be a string, got ${typeof options.prefix}.`,
      );
    }
    this.#connection = options.connection;
    this.#cipher = options.cipher;
    this.#prefix = options.prefix ?? 'makini:';
  }

  /** The Redis key of a connection's tokens. */
  keyOf(connectionKey: string): string {
    return `${this.#prefix}tokens:{${connectionKey}}`;
  }

  async #open(connectionKey: string, sealed: string): Promise<TokenSet> {
    const cached = this.#opened.get(connectionKey);
    if (cached?.sealed === sealed) return { ...cached.tokens };
    const tokens = await this.#cipher.open(sealed, connectionKey);
    this.#opened.delete(connectionKey);
    if (this.#opened.size >= CACHE_SIZE) {
      this.#opened.delete(this.#opened.keys().next().value as string);
    }
    this.#opened.set(connectionKey, { sealed, tokens });
    return { ...tokens };
  }

  async get(connectionKey: string): Promise<StoredTokens | undefined> {
    const key = this.keyOf(connectionKey);
    const [version, sealed] = (await this.#connection.command('tokens.get', [
      'HMGET',
      key,
      'v',
      't',
    ])) as [string | null, string | null];
    if (version === null || sealed === null) return undefined;
    const tokens = await this.#open(connectionKey, sealed);
    if (this.#cipher.isStale(sealed)) {
      // Key rotation: the value was sealed with a key that is not the first; seal it with the first.
      const resealed = await this.#cipher.seal(tokens, connectionKey);
      await this.#connection
        .evalScript('tokens.reseal', RESEAL, [key], [version, sealed, resealed])
        .catch(() => undefined);
    }
    return { tokens, version: Number(version) };
  }

  async compareAndSet(
    connectionKey: string,
    expectedVersion: number,
    tokens: TokenSet,
    options: { fence?: number | undefined } = {},
  ): Promise<TokenWrite> {
    const sealed = await this.#cipher.seal(tokens, connectionKey);
    const reply = (await this.#connection.evalScript(
      'tokens.compareAndSet',
      COMPARE_AND_SET,
      [this.keyOf(connectionKey)],
      [expectedVersion, sealed, options.fence ?? -1],
    )) as [number, number, string | null | undefined];
    const [written, version, current] = reply;
    if (Number(written) === 1) return { ok: true, version: Number(version) };
    if (typeof current !== 'string') return { ok: false, current: undefined };
    return {
      ok: false,
      current: { tokens: await this.#open(connectionKey, current), version: Number(version) },
    };
  }

  async set(connectionKey: string, tokens: TokenSet): Promise<number> {
    const sealed = await this.#cipher.seal(tokens, connectionKey);
    const version = await this.#connection.evalScript(
      'tokens.set',
      SET,
      [this.keyOf(connectionKey)],
      [sealed],
    );
    return Number(version);
  }

  async delete(connectionKey: string): Promise<void> {
    await this.#connection.command('tokens.delete', ['DEL', this.keyOf(connectionKey)]);
    this.#opened.delete(connectionKey);
  }

  /** Describes the store without tokens or keys. */
  toJSON() {
    return {
      /** The key prefix. */
      prefix: this.#prefix,
      /** The cipher's key ids. */
      cipher: this.#cipher.toJSON(),
    };
  }

  /** Node's `util.inspect` prints the description, never a token. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `RedisTokenStore ${JSON.stringify(this.toJSON())}`;
  }
}
