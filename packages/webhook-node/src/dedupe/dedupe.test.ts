import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createTestWebhook,
  createWebhookHandler,
  type DedupeStore,
  MemoryDedupeStore,
  RedisDedupeStore,
  toNodeHandler,
} from '../index.js';

const SECRET = `whsec_${Buffer.from('dedupe-tests-dedupe-tests-123456').toString('base64')}`;

// Two clients, as two receiver processes behind a load balancer would have.
let redis: Redis;
let otherRedis: Redis;
beforeAll(async () => {
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  otherRedis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  expect(await redis.ping()).toBe('PONG');
});
afterAll(async () => {
  await redis.quit();
  await otherRedis.quit();
});

/** A receiver instance: a real HTTP server whose handler takes `delayMs` and counts its runs. */
async function instance(dedupe: DedupeStore, runs: string[], delayMs = 30, failFirst = false) {
  let failed = false;
  const handler = createWebhookHandler({
    secret: SECRET,
    dedupe,
    onError: () => undefined,
    on: {
      'sync.completed': async (event) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (failFirst && !failed) {
          failed = true;
          throw new Error('transient');
        }
        runs.push(event.id);
      },
    },
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const delivery = (id: string) =>
  createTestWebhook({
    type: 'sync.completed',
    connectionId: 'c1',
    data: { sync_status: 'done' },
    secret: SECRET,
    id,
  });

/** Stores for two instances: a memory store is per process, so both share one; Redis is shared for real. */
const storePairs: Record<string, () => [DedupeStore, DedupeStore]> = {
  memory: () => {
    const store = new MemoryDedupeStore();
    return [store, store];
  },
  redis: () => {
    const prefix = `test:${Date.now()}:${Math.random()}:`;
    return [
      new RedisDedupeStore({ client: redis, prefix }),
      new RedisDedupeStore({ client: otherRedis, prefix }),
    ];
  },
};

describe.each(Object.keys(storePairs))('dedupe (%s)', (kind) => {
  const makeStores = () =>
    storePairs[kind]?.() ?? [new MemoryDedupeStore(), new MemoryDedupeStore()];

  it('processes concurrent duplicate deliveries across two instances exactly once', async () => {
    const [first, second] = makeStores();
    const runs: string[] = [];
    const a = await instance(first, runs);
    const b = await instance(second, runs);
    try {
      const { payload, headers } = await delivery('evt_concurrent');
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          fetch(index % 2 ? a.url : b.url, { method: 'POST', headers, body: payload }).then(
            (r) => r.status,
          ),
        ),
      );
      expect(runs).toEqual(['evt_concurrent']);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
      // Once done, every later delivery is acknowledged without running the handler.
      const later = await fetch(a.url, { method: 'POST', headers, body: payload });
      expect(later.status).toBe(200);
      expect(await later.json()).toEqual({ ok: true, duplicate: true });
      expect(runs).toEqual(['evt_concurrent']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('does not mark a failed event done, so the retry is processed', async () => {
    const runs: string[] = [];
    const receiver = await instance(makeStores()[0], runs, 1, true);
    try {
      const { payload, headers } = await delivery('evt_retry');
      expect((await fetch(receiver.url, { method: 'POST', headers, body: payload })).status).toBe(
        500,
      );
      expect((await fetch(receiver.url, { method: 'POST', headers, body: payload })).status).toBe(
        200,
      );
      expect(runs).toEqual(['evt_retry']);
    } finally {
      await receiver.close();
    }
  });
});

describe('RedisDedupeStore', () => {
  it('claims atomically with SET NX PX and expires a crashed claim', async () => {
    const store = new RedisDedupeStore({ client: redis, prefix: `ttl:${Date.now()}:` });
    expect(await store.claim('x', 50)).toBe('claimed');
    expect(await store.claim('x', 50)).toBe('in_progress');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.claim('x', 50)).toBe('claimed');
    await store.complete('x', 10_000);
    await store.release('x');
    expect(await store.claim('x', 50)).toBe('done');
  });
});
