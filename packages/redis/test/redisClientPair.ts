import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import { REDIS_URL } from './redisUrl.js';

/**
 * One ioredis and one node-redis client on the test Redis, connected before the file's tests and
 * closed after them, so that a suite runs against both libraries.
 */
export function redisClientPair() {
  const io = new Redis(REDIS_URL);
  const nodeRedis = createClient({ url: REDIS_URL });
  beforeAll(async () => {
    await nodeRedis.connect();
  });
  afterAll(async () => {
    io.disconnect();
    await nodeRedis.quit();
  });
  return { io, nodeRedis };
}
