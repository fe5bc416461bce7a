import {
  MakiniClient,
  StateStoreError,
  TokenCipher,
  TokenManager,
  type TokenSet,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisLock } from '../../src/RedisLock.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import { testPrefix } from '../redisUrl.js';
import { clientOf, createConnections } from '../tokens/sandboxConnections.js';
import { type OwnRedisServer, startOwnRedisServer } from './ownRedisServer.js';
import type { CallAnswer, ReplicaState } from './replicaProtocol.js';
import {
  type ReplicaServer,
  startReplicaServers,
  stopReplicaServers,
} from './startReplicaServers.js';

const keys = [{ id: 'restart', secret: TokenCipher.generateSecret() }];
const prefix = testPrefix('restart');
const POLL_MS = 300;

let redisServer: OwnRedisServer;
let sandbox: Sandbox;
let redis: Redis;
let replicas: ReplicaServer[];
let connectionKey: string;
let store: RedisTokenStore;

beforeAll(async () => {
  // A Redis of this test's own: it is killed and restarted, which the shared one must never be.
  redisServer = await startOwnRedisServer();
  sandbox = await startSandbox({ port: 0 });
  redis = new Redis(redisServer.url);
  // Its reconnect attempts while Redis is down are expected, not news.
  redis.on('error', () => undefined);
  store = new RedisTokenStore({
    connection: toRedisConnection(redis as unknown as RedisClientLike),
    cipher: new TokenCipher({ keys }),
    prefix,
  });
  // An expired pair: the first call refreshes it, so the store holds a pair only Redis knows.
  const [created] = await createConnections(sandbox.url, 1, Date.now() - 60_000);
  if (!created) throw new Error('no connection');
  connectionKey = created.connectionKey;
  await store.set(connectionKey, created.tokens);
  replicas = await startReplicaServers(
    [1, 2, 3].map((index) => ({
      ...clientOf(sandbox.url),
      name: `replica-${index}`,
      redisUrl: redisServer.url,
      prefix,
      keys,
      sandboxUrl: sandbox.url,
      connectionKey,
      pollIntervalMs: POLL_MS,
    })),
  );
});

afterAll(async () => {
  await stopReplicaServers();
  redis?.disconnect();
  await sandbox?.close();
  await redisServer?.close();
});

const call = async (replica: ReplicaServer) =>
  (await (await fetch(`${replica.url}/call`)).json()) as CallAnswer;
const callAll = () => Promise.all(replicas.map(call));
const stateOf = async (replica: ReplicaServer) =>
  (await (await fetch(`${replica.url}/state`)).json()) as ReplicaState;

/** A client in this process, on the same Redis, as a fourth replica would have. */
function localClient() {
  const connection = toRedisConnection(redis as unknown as RedisClientLike);
  const manager = new TokenManager({
    store,
    lock: new RedisLock({ connection, prefix }),
    connectionKey,
    refresh: () => Promise.reject(new Error('this client never refreshes here')),
  });
  return new MakiniClient({ baseUrl: sandbox.url, getToken: manager.getToken, maxRetries: 0 });
}

describe('three replicas while their Redis restarts', () => {
  it('fail calls with STATE_STORE_UNAVAILABLE, not a hang, and recover with every token kept', async () => {
    const ok = replicas.map((replica) => ({ replica: replica.name, ok: true }));
    await expect.poll(callAll).toEqual(ok);
    const before = (await store.get(connectionKey)) as { tokens: TokenSet; version: number };
    expect(before.version).toBe(2);
    expect(sandbox.admin.stats()).toMatchObject({
      grants: { refresh_token: 1 },
      refreshTokenReuse: 0,
    });

    await redisServer.kill();
    const started = Date.now();
    const down = await callAll();
    const failedAfterMs = Date.now() - started;
    for (const answer of down) {
      expect(answer).toMatchObject({
        ok: false,
        kind: 'StateStoreError',
        code: 'STATE_STORE_UNAVAILABLE',
      });
    }
    const local = localClient();
    const error = await local.integrations.current().catch((caught: unknown) => caught);
    expect(StateStoreError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STATE_STORE_UNAVAILABLE' });
    // Polls during the outage fail on Redis, not on the connection: nobody turns it red.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 4));
    for (const replica of replicas) {
      expect(await stateOf(replica)).toMatchObject({ health: 'healthy', alerts: [] });
    }

    await redisServer.start();
    await expect.poll(callAll).toEqual(ok);
    expect(String((await local.integrations.current()).id)).toBe(connectionKey);
    expect(await store.get(connectionKey)).toEqual(before);
    expect(sandbox.admin.stats()).toMatchObject({
      grants: { refresh_token: 1 },
      refreshTokenReuse: 0,
    });
    for (const replica of replicas) {
      expect(await stateOf(replica)).toMatchObject({ health: 'healthy', alerts: [] });
    }
    console.log(
      `[redis restart] three replicas answered STATE_STORE_UNAVAILABLE ${failedAfterMs} ms after Redis died`,
    );
  });
});
