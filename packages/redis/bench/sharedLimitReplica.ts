/**
 * One back-end replica for `sharedLimit.ts`, in a process of its own: `workers` concurrent loops
 * calling a cheap endpoint of one connection until the deadline, through a client limited
 * per connection by a shared RedisRateLimitStore (`shared`) or by its own memory (`local`).
 */
import { MakiniClient, RateLimitError } from '@makini-kit/core';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { type RedisClientLike, toRedisConnection } from '../src/RedisConnection.js';
import { RedisRateLimitStore } from '../src/RedisRateLimitStore.js';

/** What the parent sends. */
export interface ReplicaConfig {
  sandboxUrl: string;
  token: string;
  connectionKey: string;
  limit: number;
  windowMs: number;
  workers: number;
  mode: 'shared' | 'local';
  redisUrl: string;
  prefix: string;
  client: 'ioredis' | 'node-redis';
}

/** What the replica reports: counts only. */
export interface ReplicaReport {
  ok: number;
  limited: number;
  failed: number;
}

type Message =
  | { kind: 'config'; config: ReplicaConfig }
  | { kind: 'go'; startAt: number; deadline: number };

const inbox: Message[] = [];
const waiting = new Set<() => void>();
process.on('message', (message: Message) => {
  inbox.push(message);
  for (const wake of waiting) wake();
});
const next = <K extends Message['kind']>(kind: K) =>
  new Promise<Extract<Message, { kind: K }>>((resolve) => {
    const look = () => {
      const index = inbox.findIndex((message) => message.kind === kind);
      if (index < 0) return;
      waiting.delete(look);
      resolve(inbox.splice(index, 1)[0] as Extract<Message, { kind: K }>);
    };
    waiting.add(look);
    look();
  });

async function openStore(config: ReplicaConfig) {
  if (config.mode === 'local') return { store: undefined, close: async () => undefined };
  if (config.client === 'ioredis') {
    const client = new Redis(config.redisUrl);
    const store = new RedisRateLimitStore({
      connection: toRedisConnection(client as unknown as RedisClientLike),
      prefix: config.prefix,
    });
    return { store, close: async () => client.disconnect() };
  }
  const client = createClient({ url: config.redisUrl });
  await client.connect();
  const store = new RedisRateLimitStore({
    connection: toRedisConnection(client as unknown as RedisClientLike),
    prefix: config.prefix,
  });
  return { store, close: async () => client.destroy() };
}

async function main() {
  process.send?.({ kind: 'ready' });
  const { config } = await next('config');
  const { store, close } = await openStore(config);
  const report: ReplicaReport = { ok: 0, limited: 0, failed: 0 };
  const client = new MakiniClient({
    baseUrl: config.sandboxUrl,
    token: config.token,
    connectionKey: config.connectionKey,
    maxRetries: 0,
    rateLimit: { limit: config.limit, windowMs: config.windowMs, store },
    hooks: {
      onError: (entry) => {
        if (entry.status === 429) report.limited++;
      },
    },
  });
  process.send?.({ kind: 'ready' });
  const { startAt, deadline } = await next('go');
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  await Promise.all(
    Array.from({ length: config.workers }, async () => {
      while (Date.now() < deadline) {
        try {
          await client.integrations.current({
            signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
          });
          if (Date.now() <= deadline) report.ok++;
        } catch (error) {
          // A 429 is counted by the hook; a wait cut by the deadline is no failure.
          if (!RateLimitError.is(error) && Date.now() < deadline) report.failed++;
        }
      }
    }),
  );
  client.close();
  await close();
  process.send?.({ kind: 'done', report }, () => process.exit(0));
}

void main();
