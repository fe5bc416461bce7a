/**
 * Polling load: three replica processes monitor the same 1,000 sandbox connections (created
 * through the system API with client credentials) and each holds a subscriber, so each polls.
 * With RedisPollLeases (and RedisHealthBus) they should make 1,000 ± 1% health checks
 * (`GET /api/integrations/current`) per poll interval between them; as per-process monitors (the
 * baseline, no leases) they make 3,000. Counts what the sandbox served over several intervals,
 * once the leases have settled, in a window that starts between two rounds of polls. Exits
 * non-zero when the shared run misses 1,000 ± 1%.
 *
 * Run from packages/redis: `tsx bench/pollingLoad.ts [connections] [intervalMs]` (REDIS_URL,
 * default redis://127.0.0.1:6390). The replicas run from source, each in a process of its own.
 */
import type { RequestLogEntry } from '@makini-kit/sandbox';
import { startSandbox } from '@makini-kit/sandbox';
import { HealthReplicaProcess, killHealthReplicas } from '../test/health/HealthReplicaProcess.js';
import type { HealthReplicaConfig } from '../test/health/healthReplicaProtocol.js';
import { createSystemConnections } from '../test/health/systemConnections.js';

const CONNECTIONS = Number(process.argv[2] ?? 1000);
const INTERVAL_MS = Number(process.argv[3] ?? 10_000);
const SETTLE_INTERVALS = 3;
const MEASURED_INTERVALS = 4;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sandbox = await startSandbox({ port: 0, orders: 1, requestLogSize: 100_000 });
const polls = () =>
  sandbox.admin
    .requests()
    .filter((entry: RequestLogEntry) => entry.path === '/api/integrations/current')
    .map((entry) => Date.parse(entry.at));

/**
 * A moment of quiet between two rounds of polls (the middle of the longest gap in the last
 * interval), so the window's two ends cut no round in two.
 */
function quietMoment(): number {
  const now = Date.now();
  const recent = polls()
    .filter((at) => at > now - INTERVAL_MS)
    .sort((x, y) => x - y);
  let best = { gap: 0, middle: now };
  for (let index = 1; index < recent.length; index++) {
    const gap = (recent[index] ?? 0) - (recent[index - 1] ?? 0);
    if (gap > best.gap)
      best = { gap, middle: ((recent[index] ?? 0) + (recent[index - 1] ?? 0)) / 2 };
  }
  return best.middle + INTERVAL_MS;
}

async function run(shared: boolean, connections: HealthReplicaConfig['connections']) {
  const prefix = `makini-bench:polling:${Date.now()}:`;
  const start = (replicaId: string, client: HealthReplicaConfig['client']) =>
    HealthReplicaProcess.start({
      replicaId,
      redisUrl: REDIS_URL,
      client,
      prefix,
      sandboxUrl: sandbox.url,
      connections,
      webhookSecret: `whsec_${Buffer.from('polling load bench secret, 32 b.').toString('base64')}`,
      pollIntervalMs: INTERVAL_MS,
      shared,
      subscribed: true,
      reportPolls: false,
    });
  const replicas = await Promise.all([
    start('a', 'ioredis'),
    start('b', 'ioredis'),
    start('c', 'node-redis'),
  ]);
  await sleep(SETTLE_INTERVALS * INTERVAL_MS);
  const from = quietMoment();
  const to = from + MEASURED_INTERVALS * INTERVAL_MS;
  await sleep(to - Date.now() + 1_000);
  const counted = polls().filter((at) => at >= from && at < to).length;
  const errors = replicas.flatMap((replica) =>
    replica.errors.map((error) => ({
      replica: replica.config.replicaId,
      operation: error.operation,
      message: error.message,
      secondsFromWindow: Math.round((error.at - from) / 1000),
    })),
  );
  await killHealthReplicas();
  return { perInterval: counted / MEASURED_INTERVALS, counted, errors };
}

try {
  const connections = await createSystemConnections(sandbox.url, CONNECTIONS);
  const shared = await run(true, connections);
  const baseline = await run(false, connections);
  const deviation = (shared.perInterval - CONNECTIONS) / CONNECTIONS;
  console.log(
    `polling load, ${CONNECTIONS} connections on 3 replicas, poll interval ${INTERVAL_MS} ms, ${MEASURED_INTERVALS} intervals counted:`,
  );
  console.log(
    `  with RedisPollLeases: ${shared.perInterval} health checks per interval (${shared.counted} in all; ${(deviation * 100).toFixed(2)}% from ${CONNECTIONS}; target ± 1%)`,
  );
  console.log(
    `  per-process monitors (baseline): ${baseline.perInterval} health checks per interval (${baseline.counted} in all)`,
  );
  const summary = new Map<string, { count: number; from: number; to: number; message: string }>();
  for (const error of shared.errors) {
    const key = `${error.replica} ${error.operation}`;
    const seen = summary.get(key);
    summary.set(key, {
      count: (seen?.count ?? 0) + 1,
      from: Math.min(seen?.from ?? Number.POSITIVE_INFINITY, error.secondsFromWindow),
      to: Math.max(seen?.to ?? Number.NEGATIVE_INFINITY, error.secondsFromWindow),
      message: error.message,
    });
  }
  for (const [key, { count, from, to, message }] of summary) {
    console.log(
      `  reported by replica ${key}: ${count}× from ${from} s to ${to} s of the window: ${message}`,
    );
  }
  if (!(Math.abs(deviation) <= 0.01)) {
    console.error('polling load: target missed');
    process.exitCode = 1;
  }
} finally {
  await killHealthReplicas();
  await sandbox.close();
}
