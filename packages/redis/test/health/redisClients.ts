import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import {
  type RedisClientLike,
  type RedisConnection,
  toRedisConnection,
} from '../../src/RedisConnection.js';
import { REDIS_URL } from '../redisUrl.js';

/**
 * Per Redis library, a factory of connections that act as separate replicas (each its own client,
 * closed after the file): `describe.each(replicaClients())` runs a suite with ioredis and with
 * node-redis.
 */
export function replicaClients() {
  const opened: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(opened.map((close) => close()));
  });
  const ioredis = () => {
    const client = new Redis(REDIS_URL);
    const connection = toRedisConnection(client as unknown as RedisClientLike);
    opened.push(async () => {
      await connection.close();
      client.disconnect();
    });
    return connection;
  };
  const nodeRedis = async () => {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    const connection = toRedisConnection(client as unknown as RedisClientLike);
    opened.push(async () => {
      await connection.close();
      await client.quit();
    });
    return connection;
  };
  return [
    { name: 'ioredis', open: async (): Promise<RedisConnection> => ioredis() },
    { name: 'node-redis', open: nodeRedis },
  ];
}

/** A raw client for what a test does behind the stores' backs (junk on the channel, TTLs). */
export function rawRedis() {
  const client = new Redis(REDIS_URL);
  beforeAll(async () => {
    await client.ping();
  });
  afterAll(() => {
    client.disconnect();
  });
  return client;
}
