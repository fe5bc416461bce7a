/**
 * One back-end replica in its own process, as a SaaS runs it: a ConnectionHealthMonitor (with the
 * Redis bus and poll leases, or on its own for the baseline) tracking connections, the Makini
 * webhook endpoint feeding it, and the health endpoints a browser follows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionHealthMonitor,
  createHealthHandler,
  MakiniClient,
  toNodeHealthHandler,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
} from '@makini-kit/core';
import {
  createWebhookHandler,
  toNodeHandler,
  type WebhookHandlers,
} from '@makini-kit/webhook-node';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import type {
  HealthParentMessage,
  HealthReplicaConfig,
  HealthReplicaMessage,
} from './healthReplicaProtocol.js';

const send = (message: HealthReplicaMessage) => process.send?.(message);
// The parent is gone (finished, or killed): so is this replica, never an orphan.
process.on('disconnect', () => process.exit(0));

async function openRedis(config: HealthReplicaConfig) {
  if (config.client === 'ioredis') {
    const client = new Redis(config.redisUrl);
    return client as unknown as RedisClientLike;
  }
  const client = createClient({ url: config.redisUrl });
  await client.connect();
  return client as unknown as RedisClientLike;
}

async function start(config: HealthReplicaConfig) {
  const connection = config.shared ? toRedisConnection(await openRedis(config)) : undefined;
  const monitor = new ConnectionHealthMonitor({
    pollIntervalMs: config.pollIntervalMs,
    ...(config.leaseMs ? { leaseMs: config.leaseMs } : {}),
    replicaId: config.replicaId,
    ...(connection && {
      bus: new RedisHealthBus({ connection, prefix: config.prefix }),
      leases: new RedisPollLeases({ connection, prefix: config.prefix }),
    }),
    onAlert: (alert) =>
      send({ kind: 'alert', alertKind: alert.kind, connectionId: alert.connectionId }),
    onError: (error, context) =>
      send({ kind: 'error', operation: context.operation, message: String(error) }),
  });
  for (const { connectionKey, accessToken } of config.connections) {
    const client = new MakiniClient({
      baseUrl: config.sandboxUrl,
      token: accessToken,
      connectionKey,
      maxRetries: 0,
    });
    if (config.reportPolls) {
      client.subscribe({
        onRequest: (event) => {
          if (event.path === '/api/integrations/current') {
            send({ kind: 'poll', connectionId: connectionKey, at: Date.now() });
          }
        },
      });
    }
    monitor.track(connectionKey, client);
  }
  await monitor.ready;
  if (config.subscribed) monitor.subscribe(() => {});

  const apply = (event: WebhookEvent) => monitor.applyEvent(event);
  const on = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [type, apply]),
  ) as WebhookHandlers;
  const webhooks = toNodeHandler(createWebhookHandler({ secret: config.webhookSecret, on }));
  const health = toNodeHealthHandler(createHealthHandler(monitor, { heartbeatMs: 1_000 }));
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/webhooks')) webhooks(request, response);
    else health(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  send({ kind: 'ready', url: `http://127.0.0.1:${port}` });
}

process.once('message', (message: HealthParentMessage) => {
  if (message.kind === 'config') {
    start(message.config).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  }
});
send({ kind: 'ready' });
