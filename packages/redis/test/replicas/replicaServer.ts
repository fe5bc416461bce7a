/**
 * One back-end replica in its own process, as small as the kit allows: a `MakiniClient` whose
 * token comes from `RedisTokenStore` + `RedisLock` through a `TokenManager`, its rate limit in
 * `RedisRateLimitStore`, watched by a `ConnectionHealthMonitor` on `RedisHealthBus` +
 * `RedisPollLeases`; all through one ioredis client with its default options. HTTP:
 * `GET /call` asks Makini once through the client, `GET /state` tells the monitor's view.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionHealthMonitor,
  MakiniClient,
  MakiniError,
  refreshToken,
  StateStoreError,
  TokenCipher,
  TokenManager,
} from '@makini-kit/core';
import Redis from 'ioredis';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { RedisLock } from '../../src/RedisLock.js';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import { RedisRateLimitStore } from '../../src/RedisRateLimitStore.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import type {
  CallAnswer,
  ReplicaServerConfig,
  ReplicaServerReady,
  ReplicaState,
} from './replicaProtocol.js';

async function main(config: ReplicaServerConfig) {
  const client = new Redis(config.redisUrl);
  // While Redis is away ioredis reports each reconnect attempt; the kit's errors say what failed.
  client.on('error', () => undefined);
  const connection = toRedisConnection(client as unknown as RedisClientLike);
  const { prefix, connectionKey } = config;
  const manager = new TokenManager({
    store: new RedisTokenStore({
      connection,
      cipher: new TokenCipher({ keys: config.keys }),
      prefix,
    }),
    lock: new RedisLock({ connection, prefix }),
    connectionKey,
    refresh: (token) =>
      refreshToken({
        baseUrl: config.sandboxUrl,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        refreshToken: token,
      }),
  });
  const makini = new MakiniClient({
    baseUrl: config.sandboxUrl,
    getToken: manager.getToken,
    connectionKey,
    maxRetries: 0,
    rateLimit: {
      limit: 600,
      windowMs: 60_000,
      store: new RedisRateLimitStore({ connection, prefix }),
    },
  });
  const alerts: string[] = [];
  const monitor = new ConnectionHealthMonitor({
    pollIntervalMs: config.pollIntervalMs,
    bus: new RedisHealthBus({ connection, prefix }),
    leases: new RedisPollLeases({ connection, prefix }),
    replicaId: config.name,
    onAlert: (alert) => alerts.push(alert.kind),
  });
  monitor.track(connectionKey, makini);
  // A subscriber, as an open health stream would be: the monitor polls while one listens.
  monitor.subscribe(() => undefined);

  const server = createServer(async (request, response) => {
    const reply = (status: number, body: CallAnswer | ReplicaState) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/state') {
      reply(200, { replica: config.name, health: monitor.get(connectionKey)?.state, alerts });
      return;
    }
    try {
      await makini.integrations.current({ maxRetries: 0 });
      reply(200, { replica: config.name, ok: true });
    } catch (error) {
      if (!MakiniError.is(error)) throw error;
      reply(StateStoreError.is(error) ? 503 : 502, {
        replica: config.name,
        ok: false,
        kind: error.kind,
        code: error.code,
        ...(StateStoreError.is(error) ? { operation: error.operation } : {}),
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ready: ReplicaServerReady = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
  process.send?.(ready);
}

// The test went away: never linger as an orphan.
process.on('disconnect', () => process.exit(0));
process.once('message', (config: ReplicaServerConfig) => {
  main(config).catch((error: Error) => {
    console.error(error.stack);
    process.exit(1);
  });
});
