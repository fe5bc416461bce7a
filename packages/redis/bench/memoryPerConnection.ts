/**
 * What Redis holds per connection, measured after a real run: 1,000 sandbox connections whose
 * tokens expired, each refreshed once through TokenManager (RedisTokenStore + RedisLock), called
 * once through a MakiniClient on RedisRateLimitStore, checked by a ConnectionHealthMonitor on
 * RedisHealthBus, and leased for polling by RedisPollLeases; then one alert claimed each and one
 * refresh lock held. Prints each key's type, TTL and
 * `MEMORY USAGE`, and `INFO memory`'s used_memory before and after, on a redis-server of its own.
 *
 *   pnpm --filter @makini-kit/redis exec tsx --conditions=@makini-kit/source bench/memoryPerConnection.ts [count]
 */
import {
  ConnectionHealthMonitor,
  MakiniClient,
  refreshToken,
  TokenCipher,
  TokenManager,
} from '@makini-kit/core';
import { startSandbox } from '@makini-kit/sandbox';
import Redis from 'ioredis';
import { type RedisClientLike, toRedisConnection } from '../src/RedisConnection.js';
import { RedisHealthBus } from '../src/RedisHealthBus.js';
import { RedisLock } from '../src/RedisLock.js';
import { RedisPollLeases } from '../src/RedisPollLeases.js';
import { RedisRateLimitStore } from '../src/RedisRateLimitStore.js';
import { RedisTokenStore } from '../src/RedisTokenStore.js';
import { startOwnRedisServer } from '../test/replicas/ownRedisServer.js';
import { clientOf, createConnections } from '../test/tokens/sandboxConnections.js';

const COUNT = Number(process.argv[2] ?? 1000);
const prefix = 'makini:';
const server = await startOwnRedisServer({ persistence: false });
const sandbox = await startSandbox({ port: 0 });
const redis = new Redis(server.url);
const connection = toRedisConnection(redis as unknown as RedisClientLike);
const usedMemory = async () =>
  Number(/used_memory:(\d+)/.exec(String(await redis.call('INFO', 'memory')))?.[1]);

const store = new RedisTokenStore({
  connection,
  cipher: new TokenCipher({ keys: [{ id: '2026-11', secret: TokenCipher.generateSecret() }] }),
  prefix,
});
const lock = new RedisLock({ connection, prefix });
const rateLimits = new RedisRateLimitStore({ connection, prefix });
const leases = new RedisPollLeases({ connection, prefix });
const bus = new RedisHealthBus({ connection, prefix });
const monitor = new ConnectionHealthMonitor({
  pollIntervalMs: 30_000,
  bus,
  leases,
  replicaId: 'replica-1',
});

/** The whole life of `count` connections, as one replica would run it. */
async function run(count: number) {
  const created = await createConnections(sandbox.url, count, Date.now() - 60_000);
  for (const { connectionKey, tokens } of created) {
    await store.set(connectionKey, tokens);
    const manager = new TokenManager({
      store,
      lock,
      connectionKey,
      refresh: (token) => refreshToken({ ...clientOf(sandbox.url), refreshToken: token }),
    });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      getToken: manager.getToken,
      connectionKey,
      rateLimit: { limit: 600, windowMs: 60_000, store: rateLimits },
    });
    monitor.track(connectionKey, client);
  }
  // One poll each: a refresh (lock, fence, compare-and-set), a rate-limited call, health published.
  await monitor.check();
  await leases.claim(
    'replica-1',
    created.map(({ connectionKey }) => connectionKey),
    60_000,
  );
  return created.map(({ connectionKey }) => connectionKey);
}

// Warm up on one connection (scripts loaded, the index keys made), then measure COUNT more.
const [sample] = await run(1);
const before = await usedMemory();
const ids = await run(COUNT);
const after = await usedMemory();
// One alert episode each, claimed as the monitor claims it (a day), and one refresh lock held now.
for (const id of ids) await bus.claimAlert(id, 'reauthorization_required', 'episode-1', 86_400_000);
const withAlerts = await usedMemory();
const held = await lock.tryAcquire(`${sample}:refresh`, 30_000);

// Every key, its connection replaced by {id}: one row per kind of key.
const kinds = new Map<string, { keys: string[]; type: string }>();
let cursor = '0';
do {
  const [next, keys] = (await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)) as [
    string,
    string[],
  ];
  cursor = next;
  for (const key of keys) {
    const kind = key.replace(/\{[^}]+\}/, '{id}');
    const entry = kinds.get(kind) ?? { keys: [], type: String(await redis.type(key)) };
    entry.keys.push(key);
    kinds.set(kind, entry);
  }
} while (cursor !== '0');

console.log(`${COUNT} connections after a refresh, a call, a health check and a poll lease each\n`);
console.log('key | type | keys | MEMORY USAGE (bytes, mean) | TTL');
console.log('--- | --- | --- | --- | ---');
for (const [kind, { keys, type }] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
  const sizes = await Promise.all(keys.map((key) => redis.memory('USAGE', key)));
  const mean = Math.round(sizes.reduce((sum: number, size) => sum + Number(size), 0) / keys.length);
  const ttl = await redis.pttl(keys.find((key) => key.includes(sample ?? '')) ?? keys[0] ?? '');
  const ttlText = ttl === -1 ? 'none' : ttl === -2 ? 'gone' : `${Math.round(ttl / 1000)} s left`;
  console.log(`\`${kind}\` | ${type} | ${keys.length} | ${mean} | ${ttlText}`);
}
console.log(
  `\nINFO memory used_memory: ${before} → ${after} bytes, ${Math.round((after - before) / COUNT)} bytes per connection`,
);
console.log(
  `with one alert claim each: → ${withAlerts} bytes, ${Math.round((withAlerts - after) / COUNT)} bytes per claim`,
);
console.log(`sandbox: ${JSON.stringify(sandbox.admin.stats())}`);

if (held) await lock.release(held);
monitor.dispose();
await connection.close();
redis.disconnect();
await sandbox.close();
await server.close();
