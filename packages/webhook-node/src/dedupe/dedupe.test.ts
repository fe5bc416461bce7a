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

/** A receiver whose handler is yours, behind a real HTTP server. */
async function receiver(
  dedupe: DedupeStore,
  processingTtlMs: number,
  run: (id: string) => Promise<void>,
  errors: Array<{ error: unknown; stage: string }> = [],
) {
  const handler = createWebhookHandler({
    secret: SECRET,
    dedupe,
    processingTtlMs,
    onError: (error, { stage }) => void errors.push({ error, stage }),
    on: { 'sync.completed': (event) => run(event.id) },
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    post: async (id: string) => {
      const { payload, headers } = await delivery(id);
      return (await fetch(url, { method: 'POST', headers, body: payload })).status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the event loop, as a long garbage collection or CPU-bound work would. */
const stall = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe.each(Object.keys(storePairs))('dedupe claims (%s)', (kind) => {
  const makeStores = () =>
    storePairs[kind]?.() ?? [new MemoryDedupeStore(), new MemoryDedupeStore()];

  it('a delivery that lost its claim does not release the claim of the retry that took over', async () => {
    const [first, second] = makeStores();
    let runs = 0;
    let active = 0;
    let overlapped = false;
    let stalled!: () => void;
    const firstStalled = new Promise<void>((resolve) => {
      stalled = resolve;
    });
    let retryStarted!: () => void;
    const retryRunning = new Promise<void>((resolve) => {
      retryStarted = resolve;
    });
    const run = async () => {
      const attempt = ++runs;
      if (attempt === 1) {
        // Paused past its 600 ms lease, then fails after the retry has claimed the event.
        stall(1000);
        stalled();
        await sleep(300);
        throw new Error('transient');
      }
      active++;
      if (active > 1) overlapped = true;
      if (attempt === 2) retryStarted();
      await sleep(1500);
      active--;
    };
    const errors: Array<{ error: unknown; stage: string }> = [];
    const a = await receiver(first, 600, run, errors);
    const b = await receiver(second, 600, run, errors);
    try {
      const deliveryA = a.post('evt_owner');
      await firstStalled;
      const deliveryB = b.post('evt_owner');
      await retryRunning;
      const statusA = await deliveryA;
      // A failed and released; B is still running, so C must wait for it.
      const statusC = await a.post('evt_owner');
      const statusB = await deliveryB;
      expect([statusA, statusB, statusC]).toEqual([500, 200, 409]);
      expect(overlapped).toBe(false);
      expect(runs).toBe(2);
      // The paused delivery learnt at its next renewal that it had lost the claim, and said so.
      expect(errors).toContainEqual({
        stage: 'dedupe',
        error: expect.objectContaining({ message: expect.stringContaining('lapsed') }),
      });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('renews the claim while the handler runs, so a retry on another instance does not run it again', async () => {
    const [first, second] = makeStores();
    const runs: string[] = [];
    const errors: Array<{ error: unknown; stage: string }> = [];
    // Every handler outlives the 2 s lease by far: it runs until the retries have been answered.
    // The margins are wide because a loaded machine may pause this process for a second.
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const run = async (id: string) => {
      const again = runs.includes(id);
      runs.push(id);
      // A second run, the defect, answers at once instead of waiting for the retries it is part of.
      if (!again) await finished;
    };
    const a = await receiver(first, 2000, run, errors);
    const b = await receiver(second, 2000, run, errors);
    try {
      const ids = Array.from({ length: 10 }, (_, index) => `evt_long_${index}`);
      const firstDeliveries = Promise.all(ids.map((id) => a.post(id)));
      // Every first delivery holds its claim and runs; then the lease passes one and a half times.
      await expect.poll(() => runs.length).toBe(ids.length);
      await sleep(3000);
      const retries = await Promise.all(ids.map((id) => b.post(id)));
      finish();
      expect(await firstDeliveries).toEqual(ids.map(() => 200));
      expect(retries).toEqual(ids.map(() => 409));
      expect(runs.sort()).toEqual([...ids].sort());
      expect(await Promise.all(ids.map((id) => b.post(id)))).toEqual(ids.map(() => 200));
      expect(runs).toHaveLength(ids.length);
      expect(errors).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('MemoryDedupeStore when full', () => {
  it('keeps a live claim and evicts the oldest processed id', async () => {
    const runs: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const handler = createWebhookHandler({
      secret: SECRET,
      dedupe: new MemoryDedupeStore({ maxEntries: 3 }),
      onError: () => undefined,
      on: {
        'sync.completed': async (event) => {
          runs.push(event.id);
          // Only the first run of 'a' waits, so a wrongly repeated run answers instead of hanging.
          if (runs.join() === 'a') await gate;
        },
      },
    });
    const handle = async (id: string) => (await handler.handle(await delivery(id))).status;
    const running = handle('a');
    expect(await handle('b')).toBe(200);
    expect(await handle('c')).toBe(200);
    // Full: 'a' is being processed, 'b' and 'c' are done; room for 'd' comes from 'b'.
    expect(await handle('d')).toBe(200);
    expect(await handle('a')).toBe(409);
    expect(await handler.handle(await delivery('c'))).toMatchObject({
      body: { ok: true, duplicate: true },
    });
    expect(await handle('b')).toBe(200);
    expect(runs).toEqual(['a', 'b', 'c', 'd', 'b']);
    open();
    expect(await running).toBe(200);
  });
});

describe('RedisDedupeStore', () => {
  it('claims atomically with SET NX PX and expires a crashed claim', async () => {
    const store = new RedisDedupeStore({ client: redis, prefix: `ttl:${Date.now()}:` });
    const first = await store.claim('x', 50);
    expect(first).toMatchObject({ status: 'claimed' });
    expect(await store.claim('x', 50)).toEqual({ status: 'in_progress' });
    await sleep(80);
    const second = await store.claim('x', 50);
    if (second.status !== 'claimed') throw new Error(`expected a claim, got ${second.status}`);
    await store.complete('x', second.token, 10_000);
    await store.release('x', second.token);
    expect(await store.claim('x', 50)).toEqual({ status: 'done' });
  });
});

const stores: Record<string, () => DedupeStore> = {
  memory: () => new MemoryDedupeStore(),
  redis: () =>
    new RedisDedupeStore({ client: redis, prefix: `owner:${Date.now()}:${Math.random()}:` }),
};

describe.each(Object.keys(stores))('%s store: a claim belongs to its token', (kind) => {
  const makeStore = () => stores[kind]?.() ?? new MemoryDedupeStore();
  const claimed = async (store: DedupeStore, id: string, ttlMs: number) => {
    const claim = await store.claim(id, ttlMs);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    return claim.token;
  };

  it('gives each claim its own random token', async () => {
    const store = makeStore();
    const first = await claimed(store, 'a', 10_000);
    const second = await claimed(store, 'b', 10_000);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('renews only the live claim of the token that owns it', async () => {
    const store = makeStore();
    // Wide margins: a loaded machine may pause this process for hundreds of milliseconds.
    const token = await claimed(store, 'x', 1000);
    expect(await store.renew('x', 'someone-else', 1000)).toBe(false);
    for (let step = 0; step < 4; step++) {
      await sleep(300);
      expect(await store.renew('x', token, 1000)).toBe(true);
    }
    // 1.2 s after a 1 s claim, still held thanks to the renewals.
    expect(await store.claim('x', 1000)).toEqual({ status: 'in_progress' });
    await sleep(1500);
    expect(await store.renew('x', token, 1000)).toBe(false);
  });

  it('lets a lapsed owner neither release, renew nor complete the claim that replaced it', async () => {
    const store = makeStore();
    const lapsed = await claimed(store, 'x', 50);
    await sleep(80);
    const owner = await claimed(store, 'x', 10_000);
    await store.release('x', lapsed);
    expect(await store.renew('x', lapsed, 10_000)).toBe(false);
    await store.complete('x', lapsed, 10_000);
    expect(await store.claim('x', 10_000)).toEqual({ status: 'in_progress' });
    expect(await store.renew('x', owner, 10_000)).toBe(true);
    await store.complete('x', owner, 10_000);
    await store.release('x', owner);
    expect(await store.claim('x', 10_000)).toEqual({ status: 'done' });
  });

  it('refuses a ttl that is not a number of milliseconds ≥ 1 in claim, renew and complete, leaving the id as it was', async () => {
    const store = makeStore();
    const token = await claimed(store, 'held', 10_000);
    for (const ttlMs of [Number.NaN, 0, -1, Number.POSITIVE_INFINITY, 2 ** 53, '60000']) {
      const ttl = ttlMs as number;
      const refusal = new RegExp(
        `must be a number of milliseconds from 1 to 9007199254740991, got "?${String(ttlMs)}"?\\.`,
      );
      await expect(store.claim('fresh', ttl)).rejects.toThrow(RangeError);
      await expect(store.claim('fresh', ttl)).rejects.toThrow(refusal);
      await expect(store.renew('held', token, ttl)).rejects.toThrow(refusal);
      await expect(store.complete('held', token, ttl)).rejects.toThrow(refusal);
    }
    // Nothing was claimed, forgotten or marked done by the refused calls.
    expect(await store.claim('fresh', 10_000)).toMatchObject({ status: 'claimed' });
    expect(await store.claim('held', 10_000)).toEqual({ status: 'in_progress' });
    expect(await store.renew('held', token, 10_000)).toBe(true);
  });

  it('records a lapsed owner as done when nobody claimed the event since', async () => {
    const store = makeStore();
    const lapsed = await claimed(store, 'x', 50);
    await sleep(80);
    await store.complete('x', lapsed, 10_000);
    expect(await store.claim('x', 10_000)).toEqual({ status: 'done' });
  });
});
