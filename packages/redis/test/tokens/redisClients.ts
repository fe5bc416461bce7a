import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { REDIS_URL } from '../redisUrl.js';

/**
 * One ioredis and one node-redis client on the test Redis, opened for the file and closed after
 * it: `describe.each(redisClients())` runs a suite once with each library.
 */
export function redisClients() {
  const io = new Redis(REDIS_URL);
  const nodeRedis = createClient({ url: REDIS_URL });
  beforeAll(async () => {
    await nodeRedis.connect();
  });
  afterAll(async () => {
    io.disconnect();
    await nodeRedis.quit();
  });
  return [
    { name: 'ioredis', connection: () => toRedisConnection(io as unknown as RedisClientLike) },
    {
      name: 'node-redis',
      connection: () => toRedisConnection(nodeRedis as unknown as RedisClientLike),
    },
  ];
}
