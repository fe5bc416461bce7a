import { createServer, type Server, type Socket } from 'node:net';
import { StateStoreError } from '@makini-kit/core';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisClientPair } from '../test/redisClientPair.js';
import { REDIS_URL, testPrefix } from '../test/redisUrl.js';
import { startOwnRedisServer } from '../test/replicas/ownRedisServer.js';
import { type RedisClientLike, toRedisConnection } from './RedisConnection.js';
import { redisScript } from './RedisScript.js';

const { io, nodeRedis } = redisClientPair();

describe.each([
  ['ioredis', () => io as unknown as RedisClientLike],
  ['node-redis', () => nodeRedis as unknown as RedisClientLike],
])('toRedisConnection with %s', (_name, client) => {
  it('sends commands and normalizes replies to what ioredis gives', async () => {
    const connection = toRedisConnection(client());
    const key = `${testPrefix('connection')}hash`;
    await connection.command('test.hset', ['HSET', key, 'a', '1', 'b', '2']);
    expect(await connection.command('test.hgetall', ['HGETALL', key])).toEqual([
      'a',
      '1',
      'b',
      '2',
    ]);
    expect(await connection.command('test.get', ['GET', `${key}:missing`])).toBeNull();
    await connection.command('test.del', ['DEL', key]);
  });

  it('runs a script Redis has never seen, then by hash', async () => {
    const connection = toRedisConnection(client());
    // A fresh source each run: Redis cannot know its hash yet, so EVALSHA answers NOSCRIPT first.
    const script = redisScript(`return {KEYS[1], ARGV[1], '${Math.random()}'}`);
    const first = await connection.evalScript('test.script', script, ['k'], ['v']);
    expect((first as unknown[]).slice(0, 2)).toEqual(['k', 'v']);
    expect(await connection.evalScript('test.script', script, ['k'], ['v'])).toEqual(first);
  });

  it('keeps a reply that arrived in time while the event loop was blocked past the deadline', async () => {
    const connection = toRedisConnection(client(), { commandTimeoutMs: 100 });
    const key = `${testPrefix('connection')}blocked`;
    await connection.command('test.set', ['SET', key, 'kept']);
    const reply = connection.command('test.get', ['GET', key]);
    // Let the command reach the socket, then block the loop well past the deadline: Redis answers
    // meanwhile, and the reply must win over the timer that is due by the time the loop runs again.
    await new Promise((resolve) => setImmediate(resolve));
    const until = Date.now() + 400;
    while (Date.now() < until) {}
    await expect(reply).resolves.toBe('kept');
    await connection.command('test.del', ['DEL', key]);
  });

  it('delivers published messages to subscribers until they stop', async () => {
    const connection = toRedisConnection(client());
    const channel = `${testPrefix('connection')}channel`;
    const received: string[] = [];
    const stop = await connection.subscribe(channel, (message) => received.push(message));
    await connection.command('test.publish', ['PUBLISH', channel, 'one']);
    await expect.poll(() => received).toEqual(['one']);
    await stop();
    await connection.command('test.publish', ['PUBLISH', channel, 'two']);
    await connection.command('test.ping', ['PING']);
    expect(received).toEqual(['one']);
    await connection.close();
  });
});

describe('a Redis that does not answer', () => {
  let silent: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and never replies: a Redis that hangs.
    silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('fails the step with StateStoreError naming it, instead of hanging', async () => {
    const hanging = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
    hanging.on('error', () => undefined);
    const connection = toRedisConnection(hanging as unknown as RedisClientLike, {
      commandTimeoutMs: 200,
    });
    const error = (await connection
      .command('tokens.get', ['GET', 'x'])
      .catch((caught: unknown) => caught)) as StateStoreError;
    expect(StateStoreError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STATE_STORE_UNAVAILABLE', operation: 'tokens.get' });
    expect(error.message).toMatch(/did not answer within 200 ms/);
    hanging.disconnect();
  });

  it('refuses what is not a Redis client, and a deadline out of range', () => {
    expect(() => toRedisConnection({} as RedisClientLike)).toThrow(/ioredis client/);
    const neverConnected = createClient({ url: REDIS_URL });
    expect(() => toRedisConnection(neverConnected as unknown as RedisClientLike)).toThrow(
      /not connected\. Connect it first/,
    );
    expect(() =>
      toRedisConnection(io as unknown as RedisClientLike, { commandTimeoutMs: 0 }),
    ).toThrow(RangeError);
  });
});

describe('a subscriber whose Redis goes away and comes back', () => {
  it.each([
    [
      'ioredis',
      (url: string) => {
        const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
        client.on('error', () => undefined);
        return client as unknown as RedisClientLike;
      },
    ],
    [
      'node-redis',
      (url: string) => {
        const client = createClient({ url });
        client.on('error', () => undefined);
        return client as unknown as RedisClientLike;
      },
    ],
  ])(
    'with %s: reports the outage to onSubscriberError, then receives again',
    async (name, make) => {
      const redis = await startOwnRedisServer({ persistence: false });
      const client = make(redis.url);
      if (name === 'node-redis')
        await (client as unknown as { connect(): Promise<unknown> }).connect();
      else await new Promise((resolve) => (client as unknown as Redis).once('ready', resolve));
      const errors: unknown[] = [];
      const connection = toRedisConnection(client, {
        onSubscriberError: (error) => errors.push(error),
      });
      const received: string[] = [];
      try {
        await connection.subscribe('outage', (message) => received.push(message));
        await redis.kill();
        await expect.poll(() => errors.length).toBeGreaterThan(0);
        await redis.start();
        // Both clients resubscribe by themselves once reconnected.
        await expect
          .poll(async () => {
            await connection.command('test.publish', ['PUBLISH', 'outage', 'back']).catch(() => 0);
            return received.includes('back');
          })
          .toBe(true);
      } finally {
        await connection.close();
        if (name === 'node-redis')
          await (client as unknown as { disconnect(): Promise<void> }).disconnect();
        else (client as unknown as Redis).disconnect();
        await redis.close();
      }
    },
  );
});
