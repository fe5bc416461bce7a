import type { Lock, TokenCipher, TokenSet, TokenStore } from '@makini-kit/core';
import { type RedisConnection, RedisLock, RedisTokenStore } from '@makini-kit/redis';
import type { ConnectionInfo, ConnectionStore } from './ConnectionStore.js';

/**
 * The customers' connections shared by every replica: the list in one Redis hash
 * (`<prefix>demo:connections`, connection key → name and platform), the tokens in
 * `RedisTokenStore` (sealed with `cipher`), refreshes serialized by `RedisLock`.
 */
export class RedisConnectionStore implements ConnectionStore {
  readonly tokens: TokenStore;
  readonly lock: Lock;
  private readonly listKey: string;

  constructor(
    private readonly redis: RedisConnection,
    options: { cipher: TokenCipher; prefix: string },
  ) {
    this.tokens = new RedisTokenStore({
      connection: redis,
      cipher: options.cipher,
      prefix: options.prefix,
    });
    this.lock = new RedisLock({ connection: redis, prefix: options.prefix });
    this.listKey = `${options.prefix}demo:connections`;
  }

  async list(): Promise<ConnectionInfo[]> {
    const reply = await this.redis.command('connections.list', ['HVALS', this.listKey]);
    return (Array.isArray(reply) ? reply : [])
      .map((value) => JSON.parse(String(value)) as ConnectionInfo)
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  async get(key: string): Promise<ConnectionInfo | undefined> {
    const value = await this.redis.command('connections.get', ['HGET', this.listKey, key]);
    return typeof value === 'string' ? (JSON.parse(value) as ConnectionInfo) : undefined;
  }

  async save(connection: ConnectionInfo, tokens: TokenSet): Promise<void> {
    // Tokens first: a listed connection always has tokens to use.
    await this.tokens.set(connection.key, tokens);
    const { key, name, platform } = connection;
    await this.redis.command('connections.save', [
      'HSET',
      this.listKey,
      key,
      JSON.stringify({ key, name, platform }),
    ]);
  }

  async remove(key: string): Promise<void> {
    // Off the list first: a listed connection always has tokens to use.
    await this.redis.command('connections.remove', ['HDEL', this.listKey, key]);
    await this.tokens.delete(key);
  }
}
