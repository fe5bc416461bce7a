import { createHash } from 'node:crypto';
import { MakiniClient, TokenCipher, type TokenSet } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { killReplicas, ReplicaProcess } from './ReplicaProcess.js';
import type { ReplicaConfig } from './replicaProtocol.js';
import { createConnections, replicaClient } from './sandboxConnections.js';

const keys = [{ id: 'race', secret: TokenCipher.generateSecret() }];
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

let sandbox: Sandbox;
const redis = new Redis(REDIS_URL);
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterEach(() => killReplicas());
afterAll(async () => {
  redis.disconnect();
  await sandbox.close();
});

/** A connection whose stored pair (in Redis, sealed) expired: the next getToken must refresh. */
async function expiredConnection(prefix: string) {
  const [created] = await createConnections(sandbox.url, 1, Date.now() - 60_000);
  if (!created) throw new Error('no connection');
  const store = new RedisTokenStore({
    connection: toRedisConnection(redis as unknown as RedisClientLike),
    cipher: new TokenCipher({ keys }),
    prefix,
  });
  await store.set(created.connectionKey, created.tokens);
  return { ...created, store };
}

const config = (
  prefix: string,
  connectionKey: string,
  client: ReplicaConfig['client'],
): ReplicaConfig => ({
  ...replicaClient(sandbox.url),
  redisUrl: REDIS_URL,
  prefix,
  client,
  keys,
  mode: 'shared',
  connections: [{ connectionKey }],
  callers: 50,
});

describe.each(['ioredis', 'node-redis'] as const)('three replicas on %s', (client) => {
  it('refresh an expired token once for 50 callers each: one grant, no reuse, one new token for all', async () => {
    const prefix = testPrefix('race');
    const { connectionKey, tokens, store } = await expiredConnection(prefix);
    const replicas = await Promise.all(
      [0, 1, 2].map(() => ReplicaProcess.start(config(prefix, connectionKey, client))),
    );
    sandbox.admin.resetStats();
    for (const replica of replicas) replica.go();
    const outcomes = (await Promise.all(replicas.map((replica) => replica.outcomes()))).flatMap(
      (byConnection) => byConnection[connectionKey] ?? [],
    );

    expect(sandbox.admin.stats()).toMatchObject({
      grants: { refresh_token: 1 },
      refreshTokenReuse: 0,
      refreshTokenGraceReuse: 0,
    });
    const stored = (await store.get(connectionKey))?.tokens as TokenSet;
    expect(stored.accessToken).not.toBe(tokens.accessToken);
    expect(outcomes).toHaveLength(150);
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome)))).toEqual(
      new Set([JSON.stringify({ token: digest(stored.accessToken) })]),
    );
    const api = new MakiniClient({ baseUrl: sandbox.url, token: stored.accessToken });
    expect(String((await api.integrations.current()).id)).toBe(connectionKey);
  });
});

describe('three replicas with per-process TokenManagers (no store, no lock)', () => {
  it('refresh once each: the replays revoke the family, and callers are told to reconnect', async () => {
    const prefix = testPrefix('race');
    const { connectionKey, tokens } = await expiredConnection(prefix);
    const replicas = await Promise.all(
      [0, 1, 2].map(() =>
        ReplicaProcess.start({
          ...config(prefix, connectionKey, 'ioredis'),
          mode: 'local',
          connections: [{ connectionKey, tokens }],
        }),
      ),
    );
    sandbox.admin.resetStats();
    for (const replica of replicas) replica.go();
    const outcomes = (await Promise.all(replicas.map((replica) => replica.outcomes()))).flatMap(
      (byConnection) => byConnection[connectionKey] ?? [],
    );
    // What the shared store and lock prevent: one refresh token sent three times. The first
    // replay revokes the family; the third finds it revoked.
    expect(sandbox.admin.stats()).toMatchObject({
      grants: { refresh_token: 1 },
      refreshTokenReuse: 1,
    });
    expect(
      outcomes.filter(
        (outcome) => 'error' in outcome && outcome.error === 'ReauthorizationRequiredError',
      ),
    ).toHaveLength(100);
  });
});
