import { TokenCipher, type TokenCipherKey } from '@makini-kit/core';
import {
  RedisHealthBus,
  RedisPollLeases,
  RedisRateLimitStore,
  toRedisConnection,
} from '@makini-kit/redis';
import { RedisDedupeStore } from '@makini-kit/webhook-node';
import { Redis } from 'ioredis';
import type { BackendState } from './BackendState.js';
import { RedisActivity } from './RedisActivity.js';
import { RedisConnectionStore } from './RedisConnectionStore.js';

/**
 * The state of one replica among several, all of it in Redis through one ioredis client: tokens
 * (sealed) and refresh locks, the connection list, rate-limit budgets, health and poll leases,
 * handled webhooks and the developer panel's lists. Every key starts with `prefix`.
 */
export async function openRedisState(options: {
  redisUrl: string;
  prefix: string;
  keys: readonly TokenCipherKey[];
  replica: string;
}): Promise<BackendState> {
  const client = new Redis(options.redisUrl, { lazyConnect: true });
  await client.connect();
  const redis = toRedisConnection(client);
  const { prefix } = options;
  return {
    connections: new RedisConnectionStore(redis, {
      cipher: new TokenCipher({ keys: options.keys }),
      prefix,
    }),
    activity: new RedisActivity(redis, prefix, options.replica),
    dedupe: new RedisDedupeStore({ client, prefix: `${prefix}webhook:` }),
    rateLimitStore: new RedisRateLimitStore({ connection: redis, prefix }),
    healthBus: new RedisHealthBus({ connection: redis, prefix }),
    pollLeases: new RedisPollLeases({ connection: redis, prefix }),
    replica: options.replica,
    async close() {
      await redis.close();
      client.disconnect();
    },
  };
}
