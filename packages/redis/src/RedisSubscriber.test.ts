import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { type OwnRedisServer, startOwnRedisServer } from '../test/replicas/ownRedisServer.js';
import {
  type RedisClientLike,
  type RedisConnection,
  toRedisConnection,
} from './RedisConnection.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ownRedis(): Promise<OwnRedisServer> {
  const redis = await startOwnRedisServer({ persistence: false });
  cleanups.push(() => redis.close());
  return redis;
}

/**
 * The duplicates a client hands out, each with whether it was told to close (`disconnect`/`destroy`)
 * and the duplicate itself.
 */
function watchDuplicates(client: RedisClientLike) {
  const made: Array<{ closed: boolean; duplicate: unknown }> = [];
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (() => {
    const copy = duplicate() as unknown as Record<string, unknown>;
    const entry = { closed: false, duplicate: copy };
    made.push(entry);
    for (const name of ['disconnect', 'destroy']) {
      const original = copy[name];
      if (typeof original !== 'function') continue;
      copy[name] = (...args: unknown[]) => {
        entry.closed = true;
        return original.apply(copy, args);
      };
    }
    return copy;
  }) as unknown as typeof client.duplicate;
  return made;
}

const clients = [
  {
    name: 'ioredis',
    open: async (
      url: string,
      options: {
        lazyConnect?: boolean;
        enableOfflineQueue?: boolean;
        maxRetriesPerRequest?: number | null;
      } = {},
    ) => {
      const client = new Redis(url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        ...options,
      });
      client.on('error', () => undefined);
      if (options.lazyConnect) await client.connect();
      else await new Promise((resolve) => client.once('ready', resolve));
      cleanups.push(() => client.disconnect());
      return client as unknown as RedisClientLike;
    },
  },
  {
    name: 'node-redis',
    open: async (url: string, _options: object = {}) => {
      const client = createClient({ url });
      client.on('error', () => undefined);
      await client.connect();
      cleanups.push(() => client.destroy());
      return client as unknown as RedisClientLike;
    },
  },
];

const subscribed = (connection: RedisConnection, channel: string, received: string[]) =>
  connection
    .subscribe(channel, (message) => received.push(message))
    .then(
      () => true,
      () => false,
    );

describe('the subscriber connection of toRedisConnection', () => {
  it('subscribes on an ioredis client made with lazyConnect, whose duplicates do not connect by themselves', async () => {
    const redis = await ownRedis();
    const client = await clients[0]?.open(redis.url, { lazyConnect: true });
    const connection = toRedisConnection(client as RedisClientLike, { commandTimeoutMs: 1000 });
    cleanups.push(() => connection.close());
    const received: string[] = [];
    await connection.subscribe('lazy', (message) => received.push(message));
    await connection.command('test.publish', ['PUBLISH', 'lazy', 'heard']);
    await expect.poll(() => received).toEqual(['heard']);
  });

  it('sends SUBSCRIBE again after one that failed while Redis was away, and receives', async () => {
    const redis = await ownRedis();
    const client = await clients[0]?.open(redis.url);
    const connection = toRedisConnection(client as RedisClientLike, {
      commandTimeoutMs: 500,
      onSubscriberError: () => undefined,
    });
    cleanups.push(() => connection.close());
    // The subscriber connection is open (another channel uses it) when Redis goes away.
    await connection.subscribe('first', () => undefined);
    await redis.kill();
    const received: string[] = [];
    expect(await subscribed(connection, 'second', received)).toBe(false);
    await redis.start();
    await expect.poll(() => subscribed(connection, 'second', received)).toBe(true);
    await expect
      .poll(async () => {
        await connection.command('test.publish', ['PUBLISH', 'second', 'back']).catch(() => 0);
        return received.includes('back');
      })
      .toBe(true);
  });

  it('receives on a channel subscribed while the subscriber connection reconnects, before Redis has answered it', async () => {
    const redis = await ownRedis();
    const client = (await clients[0]?.open(redis.url)) as RedisClientLike;
    const duplicates = watchDuplicates(client);
    const connection = toRedisConnection(client, {
      commandTimeoutMs: 5000,
      onSubscriberError: () => undefined,
    });
    cleanups.push(() => connection.close());
    await connection.subscribe('first', () => undefined);
    const subscriber = duplicates[0]?.duplicate as Redis;
    // Redis stops answering, and the subscriber connection drops: the one ioredis opens again is
    // accepted, and waits for the replies to its handshake and ready check.
    redis.pause();
    subscriber.disconnect(true);
    await expect.poll(() => subscriber.status).toBe('connect');
    const received: string[] = [];
    const second = subscribed(connection, 'second', received);
    await new Promise((resolve) => setImmediate(resolve));
    redis.resume();
    expect(await second).toBe(true);
    // Heard on the connection ioredis keeps, not only until a failed ready check drops it.
    await expect.poll(() => subscriber.status).toBe('ready');
    await expect
      .poll(async () => {
        await connection.command('test.publish', ['PUBLISH', 'second', 'back']).catch(() => 0);
        return received.includes('back');
      })
      .toBe(true);
  });

  it('disconnects an ioredis duplicate whose open failed, and opens a new one next time', async () => {
    const redis = await ownRedis();
    const client = await clients[0]?.open(redis.url, { lazyConnect: true });
    const duplicates = watchDuplicates(client as RedisClientLike);
    const connection = toRedisConnection(client as RedisClientLike, {
      commandTimeoutMs: 500,
      onSubscriberError: () => undefined,
    });
    cleanups.push(() => connection.close());
    await redis.kill();
    const received: string[] = [];
    expect(await subscribed(connection, 'away', received)).toBe(false);
    await expect.poll(() => duplicates[0]?.closed).toBe(true);
    await redis.start();
    await expect.poll(() => subscribed(connection, 'away', received)).toBe(true);
    expect(duplicates.length).toBeGreaterThan(1);
    expect(duplicates.at(-1)?.closed).toBe(false);
  });

  it.each(clients)(
    'with $name: close() returns while Redis is away, and disconnects the subscriber connection',
    async ({ open }) => {
      const redis = await ownRedis();
      const client = await open(redis.url);
      const duplicates = watchDuplicates(client);
      const connection = toRedisConnection(client, {
        commandTimeoutMs: 300,
        onSubscriberError: () => undefined,
      });
      await redis.kill();
      // The subscriber connection is made, and waits for a Redis that does not come.
      expect(await subscribed(connection, 'away', [])).toBe(false);
      expect(duplicates).toHaveLength(1);
      let closed = false;
      void connection.close().then(() => {
        closed = true;
      });
      await expect.poll(() => closed).toBe(true);
      expect(duplicates[0]?.closed).toBe(true);
    },
  );
});

const clientNamed = (name: string) => {
  const found = clients.find((client) => client.name === name);
  if (!found) throw new Error(`no ${name} client factory`);
  return found;
};

/** The kit's connection over `client`, with a deadline short enough for a test; closed after it. */
function withShortDeadline(client: RedisClientLike): RedisConnection {
  const connection = toRedisConnection(client, {
    commandTimeoutMs: 300,
    onSubscriberError: () => undefined,
  });
  cleanups.push(() => connection.close());
  return connection;
}

/**
 * Nobody listens on `channel` once the subscriber connection is back (it has subscribed `marker`
 * again), and a while later still.
 */
async function expectUnsubscribed(url: string, channel: string) {
  const raw = new Redis(url);
  cleanups.push(() => raw.disconnect());
  await expect
    .poll(() => raw.call('PUBSUB', 'NUMSUB', 'marker'), { timeout: 10_000 })
    .toEqual(['marker', 1]);
  const listeners = async () => (await raw.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
  await expect.poll(listeners, { timeout: 10_000 }).toEqual([channel, 0]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await listeners()).toEqual([channel, 0]);
}

describe('stopping a subscription while Redis is away', () => {
  it.each(clients)(
    'with $name: the stop function returns after the deadline instead of waiting for Redis',
    async ({ open }) => {
      const redis = await ownRedis();
      // Commands wait in the client's queue while Redis is away (the libraries' defaults).
      const client = await open(redis.url, {
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
      });
      const connection = withShortDeadline(client);
      const stop = await connection.subscribe('leaving', () => undefined);
      await redis.kill();
      let stopped = false;
      void stop().then(() => {
        stopped = true;
      });
      await expect.poll(() => stopped, { timeout: 10_000 }).toBe(true);
    },
  );

  it.each(clients)(
    'with $name: the channel is unsubscribed once Redis is back, not subscribed again by the reconnect',
    async ({ open }) => {
      const redis = await ownRedis();
      const client = await open(redis.url, {
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
      });
      const connection = withShortDeadline(client);
      const stop = await connection.subscribe('left', () => undefined);
      await connection.subscribe('marker', () => undefined);
      await redis.kill();
      await stop();
      await redis.start();
      await expectUnsubscribed(redis.url, 'left');
    },
  );

  it('with node-redis: a stopped listener hears nothing, though the client subscribes its channel again', async () => {
    const redis = await ownRedis();
    const client = await clientNamed('node-redis').open(redis.url);
    const connection = withShortDeadline(client);
    const received: string[] = [];
    const markers: string[] = [];
    const stop = await connection.subscribe('gone', (message) => received.push(message));
    await connection.subscribe('marker', (message) => markers.push(message));
    // Redis takes the UNSUBSCRIBE and dies with it unanswered: node-redis keeps the listener and
    // subscribes the channel again on reconnect.
    redis.pause();
    await stop();
    await redis.kill();
    await redis.start();
    const raw = new Redis(redis.url);
    cleanups.push(() => raw.disconnect());
    await expect
      .poll(() => raw.call('PUBSUB', 'NUMSUB', 'gone', 'marker'), { timeout: 10_000 })
      .toEqual(['gone', 1, 'marker', 1]);
    expect(await raw.publish('gone', 'late')).toBe(1);
    await raw.publish('marker', 'after');
    // One connection delivers in order: once the marker is in, 'late' was handed over or never.
    await expect.poll(() => markers).toEqual(['after']);
    expect(received).toEqual([]);
  });

  it('with ioredis without an offline queue: a stop refused while Redis is away is sent once it is ready', async () => {
    const redis = await ownRedis();
    const client = await clientNamed('ioredis').open(redis.url, { enableOfflineQueue: false });
    const connection = withShortDeadline(client);
    const stop = await connection.subscribe('left', () => undefined);
    await connection.subscribe('marker', () => undefined);
    await redis.kill();
    await stop();
    await redis.start();
    await expectUnsubscribed(redis.url, 'left');
  });

  it('with ioredis: a stop whose wait for ready ran out is sent once the connection is ready', async () => {
    const redis = await ownRedis();
    const client = await clientNamed('ioredis').open(redis.url, {
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    const duplicates = watchDuplicates(client);
    const connection = withShortDeadline(client);
    const stop = await connection.subscribe('left', () => undefined);
    await connection.subscribe('marker', () => undefined);
    const duplicate = duplicates[0]?.duplicate as Redis;
    // Redis answers nothing (as while it loads its data) and the subscriber connection is made
    // again: it is open, not ready, for longer than the stop's deadline.
    redis.pause();
    duplicate.disconnect(true);
    await expect.poll(() => duplicate.status).toBe('connect');
    await stop();
    expect(duplicate.status).toBe('connect');
    redis.resume();
    await expectUnsubscribed(redis.url, 'left');
  });
});
