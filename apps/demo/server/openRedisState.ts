import { TokenCipher, type TokenCipherKey } from '@makini-kit/core';
import {
  RedisHealthBus,
  RedisPollLeases,
  RedisRateLimitStore,
  RedisUsedLinks,
  toRedisConnection,
} from '@makini-kit/redis';
import { RedisDedupeStore } from '@makini-kit/webhook-node';
import { Redis } from 'ioredis';
import type { BackendState } from './BackendState.js';
import { pingRedis, redactRedisUrl } from './checkRedis.js';
import { RedisActivity } from './RedisActivity.js';
import { RedisConnectionStore } from './RedisConnectionStore.js';

/**
 * The state of one replica among several, all of it in Redis through one ioredis client: tokens
 * (sealed) and refresh locks, the connection list, rate-limit budgets, health and poll leases,
 * handled webhooks, redeemed reconnect links and the developer panel's lists. Every key starts with `prefix`.
 *
 * @throws {DemoConfigError} when Redis does not answer a PING in time, naming REDIS_URL
 */
export async function openRedisState(options: {
  redisUrl: string;
  prefix: string;
  keys: readonly TokenCipherKey[];
  replica: string;
  /** Where a Redis outage and its end are told, one line each. @default console.error */
  log?: (line: string) => void;
}): Promise<BackendState> {
  const log = options.log ?? ((line: string) => console.error(line));
  const address = redactRedisUrl(options.redisUrl);
  // Without an `error` listener ioredis logs every failed reconnect as unhandled (node-redis would
  // end the process). Both connections, the client's and the health bus's subscriber, report here:
  // one line when Redis goes away, one when it answers again; the client reconnects by itself.
  let away = false;
  const onError = (error: unknown) => {
    if (away) return;
    away = true;
    log(
      `Redis at ${address} (REDIS_URL) is unreachable (${(error as Error)?.message ?? String(error)}); retrying. Calls that need it fail with STATE_STORE_UNAVAILABLE meanwhile.`,
    );
  };
  // Not lazyConnect: the health bus's subscriber is a duplicate of this client, and a lazy one
  // would wait for a connect() nobody calls.
  const client = new Redis(options.redisUrl);
  try {
    await pingRedis(client, options.redisUrl);
  } catch (error) {
    client.on('error', () => undefined);
    client.disconnect();
    throw error;
  }
  client.on('error', onError);
  client.on('ready', () => {
    if (!away) return;
    away = false;
    log(`Redis at ${address} (REDIS_URL) answers again.`);
  });
  const redis = toRedisConnection(client, { onSubscriberError: onError });
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
    usedLinks: new RedisUsedLinks({ connection: redis, prefix }),
    replica: options.replica,
    async close() {
      await redis.close();
      client.disconnect();
    },
  };
}
