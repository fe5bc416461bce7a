import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { redisClientPair } from '../redisClientPair.js';

/**
 * One ioredis and one node-redis client on the test Redis, opened for the file and closed after
 * it: `describe.each(redisClients())` runs a suite once with each library.
 */
export function redisClients() {
  const { io, nodeRedis } = redisClientPair();
  return [
    { name: 'ioredis', connection: () => toRedisConnection(io as unknown as RedisClientLike) },
    {
      name: 'node-redis',
      connection: () => toRedisConnection(nodeRedis as unknown as RedisClientLike),
    },
  ];
}
