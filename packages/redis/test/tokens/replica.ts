/**
 * One back-end replica in its own process: TokenManagers for some connections (over Redis, or
 * per process for the baseline), and `callers` concurrent `getToken()` calls on each.
 */
import { createHash } from 'node:crypto';
import {
  MakiniError,
  refreshToken,
  StateStoreError,
  TokenCipher,
  TokenManager,
  type TokenResponse,
} from '@makini-kit/core';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisLock } from '../../src/RedisLock.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import type {
  CallerOutcome,
  ParentMessage,
  ReplicaConfig,
  ReplicaMessage,
} from './replicaProtocol.js';

const send = (message: ReplicaMessage) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()));
const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const next = (kind: ParentMessage['kind']) =>
  new Promise<ParentMessage>((resolve) => {
    const listen = (message: ParentMessage) => {
      if (message.kind !== kind) return;
      process.off('message', listen);
      resolve(message);
    };
    process.on('message', listen);
  });

async function openRedis(config: ReplicaConfig) {
  if (config.client === 'ioredis') {
    const client = new Redis(config.redisUrl);
    return { client: client as unknown as RedisClientLike, close: () => client.disconnect() };
  }
  const client = createClient({ url: config.redisUrl });
  await client.connect();
  return { client: client as unknown as RedisClientLike, close: () => client.destroy() };
}

async function main() {
  const configured = next('config');
  await send({ kind: 'ready' });
  const { config } = (await configured) as Extract<ParentMessage, { kind: 'config' }>;
  const redis = await openRedis(config);
  const connection = toRedisConnection(
    redis.client,
    config.commandTimeoutMs ? { commandTimeoutMs: config.commandTimeoutMs } : {},
  );
  const store = new RedisTokenStore({
    connection,
    cipher: new TokenCipher({ keys: config.keys }),
    prefix: config.prefix,
  });
  const lock = new RedisLock({ connection, prefix: config.prefix });
  const refresh = async (token: string): Promise<TokenResponse> => {
    const answer = await refreshToken({
      baseUrl: config.sandboxUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      refreshToken: token,
    });
    if (config.hangAfterAnswer) {
      await send({ kind: 'answered' });
      await new Promise(() => undefined);
    }
    return answer;
  };
  const managers = config.connections.map(({ connectionKey, tokens }) => ({
    connectionKey,
    manager:
      config.mode === 'shared'
        ? new TokenManager({
            store,
            lock,
            connectionKey,
            refresh,
            // Written when the store holds nothing yet, as replicas booting from one config do.
            ...(tokens ? { tokens } : {}),
            ...(config.lockTtlMs ? { lockTtlMs: config.lockTtlMs } : {}),
          })
        : new TokenManager({ tokens, connectionKey, refresh }),
  }));
  const started = next('go');
  await send({ kind: 'ready' });
  await started;
  const outcomes: Record<string, CallerOutcome[]> = {};
  await Promise.all(
    managers.map(async ({ connectionKey, manager }) => {
      outcomes[connectionKey] = await Promise.all(
        Array.from({ length: config.callers }, () =>
          manager.getToken().then(
            (token): CallerOutcome => ({ token: digest(token) }),
            (error: unknown): CallerOutcome => ({
              error: MakiniError.is(error) ? error.kind : String((error as Error)?.name),
              code: MakiniError.is(error) ? error.code : undefined,
              ...(StateStoreError.is(error) ? { operation: error.operation } : {}),
            }),
          ),
        ),
      );
    }),
  );
  await send({ kind: 'done', outcomes });
  redis.close();
  process.disconnect?.();
}

void main();
