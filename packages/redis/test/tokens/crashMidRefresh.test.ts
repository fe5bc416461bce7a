import { createHash } from 'node:crypto';
import {
  AuthenticationError,
  MakiniClient,
  refreshToken,
  TokenCipher,
  TokenManager,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisLock } from '../../src/RedisLock.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { killReplicas, ReplicaProcess } from './ReplicaProcess.js';
import type { CallerOutcome } from './replicaProtocol.js';
import { clientOf, createConnections, replicaClient } from './sandboxConnections.js';

const keys = [{ id: 'crash', secret: TokenCipher.generateSecret() }];
const digest = (token: string) => createHash('sha256').update(token).digest('hex');
// Long enough that replica B's callers surely run while the dead replica's lease lasts.
const LOCK_TTL_MS = 5000;

const redis = new Redis(REDIS_URL);
const connection = toRedisConnection(redis as unknown as RedisClientLike);
afterEach(() => killReplicas());
afterAll(() => redis.disconnect());

/**
 * A connection whose stored access token still works for two minutes: inside the refresh margin
 * (5 minutes), so the next `getToken()` refreshes. Replica A refreshes, has the token endpoint's
 * answer, and is SIGKILLed before it writes it. Replica B's callers ask for a token while A's lease
 * still runs; replica C's after it lapsed.
 */
async function crashThenOtherReplicas(sandbox: Sandbox) {
  const prefix = testPrefix('crash');
  const [created] = await createConnections(sandbox.url, 1, Date.now() + 120_000);
  if (!created) throw new Error('no connection');
  const { connectionKey, tokens } = created;
  const store = new RedisTokenStore({ connection, cipher: new TokenCipher({ keys }), prefix });
  await store.set(connectionKey, tokens);
  const config = {
    ...replicaClient(sandbox.url),
    redisUrl: REDIS_URL,
    prefix,
    client: 'ioredis' as const,
    keys,
    mode: 'shared' as const,
    connections: [{ connectionKey }],
    lockTtlMs: LOCK_TTL_MS,
    callers: 20,
  };
  const [a, b, c] = await Promise.all([
    ReplicaProcess.start({ ...config, hangAfterAnswer: true }),
    ReplicaProcess.start(config),
    ReplicaProcess.start(config),
  ]);
  if (!a || !b || !c) throw new Error('no replica');
  sandbox.admin.resetStats();

  a.go();
  await a.answered();
  await a.kill();
  b.go();
  const duringLease = (await b.outcomes())[connectionKey] ?? [];
  expect(sandbox.admin.stats().grants.refresh_token).toBe(1);
  // What A got died with it: the store still holds the pair A refreshed, and it still works.
  expect(await store.get(connectionKey)).toEqual({ tokens, version: 1 });
  const old = new MakiniClient({ baseUrl: sandbox.url, token: tokens.accessToken });
  expect(String((await old.integrations.current()).id)).toBe(connectionKey);

  const lockKey = new RedisLock({ connection, prefix }).keysOf(`${connectionKey}:refresh`).lock;
  await expect.poll(() => redis.exists(lockKey), { timeout: 3 * LOCK_TTL_MS }).toBe(0);
  c.go();
  const afterLease = (await c.outcomes())[connectionKey] ?? [];
  const manager = new TokenManager({
    store,
    lock: new RedisLock({ connection, prefix }),
    connectionKey,
    lockTtlMs: LOCK_TTL_MS,
    refresh: (token) => refreshToken({ ...clientOf(sandbox.url), refreshToken: token }),
  });
  return { connectionKey, tokens, store, duringLease, afterLease, manager };
}

const only = (outcomes: CallerOutcome[], token: string) => {
  expect(outcomes).toHaveLength(20);
  expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome)))).toEqual(
    new Set([JSON.stringify({ token: digest(token) })]),
  );
};

describe('a replica killed between the token endpoint answer and the store write', () => {
  describe('on a server that revokes on any refresh-token replay', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(() => sandbox.close());

    it('raises no ReauthorizationRequiredError while the stored access token is valid; the next 401 shows the revocation', async () => {
      const { connectionKey, tokens, store, duringLease, afterLease, manager } =
        await crashThenOtherReplicas(sandbox);
      // While A's lease ran, B's callers got the stored token at once, without refreshing.
      only(duringLease, tokens.accessToken);
      // Then C refreshed with the refresh token A had used: the server revoked the family.
      expect(sandbox.admin.stats()).toMatchObject({
        grants: { refresh_token: 1 },
        refreshTokenReuse: 1,
      });
      // Every caller still got the stored access token: nothing said "reconnect" on a guess.
      only(afterLease, tokens.accessToken);
      // A refusal removes nothing from the store: it may be one replica's own mistake.
      expect(await store.get(connectionKey)).toEqual({ tokens, version: 1 });
      // Another replica asks once for itself, is refused too, and hands out the stored token.
      expect(await manager.getToken()).toBe(tokens.accessToken);
      expect(await manager.getToken()).toBe(tokens.accessToken);
      expect(sandbox.admin.stats()).toMatchObject({
        grants: { refresh_token: 1 },
        refreshTokenReuse: 1,
      });

      // A call verifies it: the server's 401 is the proof, from the API and not from a guess.
      const client = new MakiniClient({ baseUrl: sandbox.url, getToken: manager.getToken });
      const error = await client.integrations.current().catch((caught: unknown) => caught);
      expect(AuthenticationError.is(error) && error.status).toBe(401);
      expect((error as AuthenticationError).requestId).toMatch(/^req_/);
      // Asked once more after the 401, the store had no other token: the call was not sent again.
      expect(client.requestLog.list().map((entry) => entry.status)).toEqual([401]);
    });
  });

  describe('on a server with a refresh-token reuse grace period', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, refreshTokenReuseGraceMs: 60_000 });
    });
    afterAll(() => sandbox.close());

    it('the next replica recovers a working pair, and every caller gets it', async () => {
      const { connectionKey, tokens, store, duringLease, afterLease, manager } =
        await crashThenOtherReplicas(sandbox);
      only(duringLease, tokens.accessToken);
      expect(sandbox.admin.stats()).toMatchObject({
        grants: { refresh_token: 2 },
        refreshTokenReuse: 0,
        refreshTokenGraceReuse: 1,
      });
      const stored = await store.get(connectionKey);
      expect(stored?.version).toBe(2);
      expect(stored?.tokens.accessToken).not.toBe(tokens.accessToken);
      only(afterLease, stored?.tokens.accessToken ?? '');
      const client = new MakiniClient({ baseUrl: sandbox.url, getToken: manager.getToken });
      expect(String((await client.integrations.current()).id)).toBe(connectionKey);
      // The recovered refresh token works too.
      const renewed = await manager.refreshNow();
      expect(renewed).not.toBe(stored?.tokens.accessToken);
      expect(sandbox.admin.stats()).toMatchObject({
        grants: { refresh_token: 3 },
        refreshTokenReuse: 0,
      });
    });
  });
});
