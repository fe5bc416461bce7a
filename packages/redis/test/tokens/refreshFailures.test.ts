import {
  MakiniClient,
  refreshToken,
  StateStoreError,
  TokenCipher,
  TokenManager,
  type TokenStore,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisLock } from '../../src/RedisLock.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { clientOf, createConnections } from './sandboxConnections.js';

/** A second client registered with the sandbox: the one a wrongly configured replica uses. */
const OTHER_CLIENT = { id: 'other_client', secret: 'other_secret', redirectUris: [] };
const keys = [{ id: 'failures', secret: TokenCipher.generateSecret() }];

let sandbox: Sandbox;
const redis = new Redis(REDIS_URL);
const connection = toRedisConnection(redis as unknown as RedisClientLike);
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clients: [DEFAULT_CLIENT, OTHER_CLIENT] });
});
afterAll(async () => {
  redis.disconnect();
  await sandbox.close();
});

/** One sandbox connection, its pair in Redis (sealed) with `expiresAt` as given. */
async function storedConnection(expiresAt: number) {
  const prefix = testPrefix('failures');
  const [created] = await createConnections(sandbox.url, 1, expiresAt);
  if (!created) throw new Error('no connection');
  const store = new RedisTokenStore({ connection, cipher: new TokenCipher({ keys }), prefix });
  await store.set(created.connectionKey, created.tokens);
  const lock = new RedisLock({ connection, prefix });
  return { ...created, store, lock };
}

describe('shared tokens on Redis when a step fails', () => {
  it('a write that fails after a refresh keeps the lock until it lands: the other replica never replays the spent refresh token', async () => {
    const {
      connectionKey,
      tokens,
      store: redisStore,
      lock,
    } = await storedConnection(Date.now() - 60_000);
    let failures = 1;
    // Replica A's Redis refuses one write, right after the token endpoint answered.
    const blinking: TokenStore = {
      get: (key) => redisStore.get(key),
      compareAndSet: async (...args) => {
        if (failures-- > 0) {
          throw new StateStoreError('Redis did not answer EVALSHA in time.', {
            operation: 'tokens.compareAndSet',
          });
        }
        return redisStore.compareAndSet(...args);
      },
      set: (key, value) => redisStore.set(key, value),
      delete: (key) => redisStore.delete(key),
    };
    const replica = (store: TokenStore) =>
      new TokenManager({
        store,
        lock,
        connectionKey,
        refresh: (token) => refreshToken({ ...clientOf(sandbox.url), refreshToken: token }),
      });
    sandbox.admin.resetStats();
    const error = await replica(blinking)
      .getToken()
      .catch((caught: unknown) => caught);
    expect(StateStoreError.is(error) && error.operation).toBe('tokens.compareAndSet');

    const b = replica(redisStore);
    const token = await b.getToken();
    expect(sandbox.admin.stats()).toMatchObject({
      grants: { refresh_token: 1 },
      refreshTokenReuse: 0,
    });
    expect(token).not.toBe(tokens.accessToken);
    expect(await redisStore.get(connectionKey)).toMatchObject({
      version: 2,
      tokens: { accessToken: token },
    });
    const client = new MakiniClient({ baseUrl: sandbox.url, getToken: b.getToken });
    expect(String((await client.integrations.current()).id)).toBe(connectionKey);
  });

  it('a replica whose refresh is refused (another client id) leaves the refresh token for the others', async () => {
    const { connectionKey, tokens, store, lock } = await storedConnection(Date.now() + 60_000);
    const replica = (client: { id: string; secret: string }) =>
      new TokenManager({
        store,
        lock,
        connectionKey,
        refresh: (token) =>
          refreshToken({
            baseUrl: sandbox.url,
            clientId: client.id,
            clientSecret: client.secret,
            refreshToken: token,
          }),
      });
    sandbox.admin.resetStats();
    const misconfigured = replica(OTHER_CLIENT);
    // Refused, but the access token is valid for a minute more: it goes on being handed out.
    expect(await misconfigured.getToken()).toBe(tokens.accessToken);
    expect(await misconfigured.getToken()).toBe(tokens.accessToken);
    expect(sandbox.admin.stats().grants.refresh_token).toBe(0);
    expect(await store.get(connectionKey)).toEqual({ tokens, version: 1 });

    const renewed = await replica(DEFAULT_CLIENT).getToken();
    expect(renewed).not.toBe(tokens.accessToken);
    expect(sandbox.admin.stats()).toMatchObject({
      grants: { refresh_token: 1 },
      refreshTokenReuse: 0,
    });
    // The refused replica uses the new pair from its next call.
    expect(await misconfigured.getToken()).toBe(renewed);
    const client = new MakiniClient({ baseUrl: sandbox.url, getToken: misconfigured.getToken });
    expect(String((await client.integrations.current()).id)).toBe(connectionKey);
  });
});
