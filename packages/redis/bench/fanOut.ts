/**
 * Fan-out: a signed webhook posted to replica A until the change it makes shows on the health
 * event streams (Server-Sent Events) of replicas B and C. Three replica processes (A and B on
 * ioredis, C on node-redis) share one Redis through RedisHealthBus and RedisPollLeases; the bench
 * process follows B's and C's streams as browsers do. Each sample sends
 * `connection.reauthorization_required` with a reason of its own and waits for that reason on
 * both streams; its latency is from just before the POST to the later of the two arrivals.
 * Prints p50, p99 and the sample count; exits non-zero when p99 is over 250 ms.
 *
 * Run from packages/redis: `tsx bench/fanOut.ts [samples]` (REDIS_URL, default
 * redis://127.0.0.1:6390). The replicas run from source, each in a process of its own.
 */
import type { HealthSnapshot } from '@makini-kit/core';
import { startSandbox } from '@makini-kit/sandbox';
import { createTestWebhook } from '@makini-kit/webhook-node';
import { HealthReplicaProcess, killHealthReplicas } from '../test/health/HealthReplicaProcess.js';
import type { HealthReplicaConfig } from '../test/health/healthReplicaProtocol.js';
import { followHealth } from '../test/health/sseSnapshots.js';
import { createSystemConnections } from '../test/health/systemConnections.js';

const SAMPLES = Number(process.argv[2] ?? 300);
const TARGET_P99_MS = 250;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
const SECRET = `whsec_${Buffer.from('fan-out bench webhook secret 32b').toString('base64')}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const sandbox = await startSandbox({ port: 0, orders: 1 });
try {
  const connections = await createSystemConnections(sandbox.url, 1);
  const id = connections[0]?.connectionKey ?? '';
  const prefix = `makini-bench:fan-out:${Date.now()}:`;
  const config = (replicaId: string, client: HealthReplicaConfig['client']) => ({
    replicaId,
    redisUrl: REDIS_URL,
    client,
    prefix,
    sandboxUrl: sandbox.url,
    connections,
    webhookSecret: SECRET,
    // Polls stay out of the way: only the first one, when the streams open.
    pollIntervalMs: 600_000,
    shared: true,
    subscribed: false,
    reportPolls: false,
  });
  const [a, b, c] = await Promise.all([
    HealthReplicaProcess.start(config('a', 'ioredis')),
    HealthReplicaProcess.start(config('b', 'ioredis')),
    HealthReplicaProcess.start(config('c', 'node-redis')),
  ]);
  if (!a || !b || !c) throw new Error('replicas did not start');
  const onB = await followHealth(b.url);
  const onC = await followHealth(c.url);
  const known = (snapshot: HealthSnapshot) => snapshot.connections[id]?.state === 'healthy';
  await Promise.all([onB.reached(known), onC.reached(known)]);

  const latencies: number[] = [];
  for (let sample = 1; sample <= SAMPLES; sample++) {
    const reason = `Password changed (sample ${sample})`;
    const { payload, headers } = await createTestWebhook({
      type: 'connection.reauthorization_required',
      connectionId: id,
      data: { reason },
      secret: SECRET,
    });
    const shows = (snapshot: HealthSnapshot) => snapshot.connections[id]?.reason === reason;
    const arrivals = Promise.all([onB.next(shows), onC.next(shows)]);
    const sent = performance.now();
    const response = await fetch(`${a.url}/webhooks`, { method: 'POST', headers, body: payload });
    if (response.status !== 200) throw new Error(`the webhook got ${response.status}`);
    const [atB, atC] = await arrivals;
    latencies.push(Math.max(atB, atC) - sent);
  }
  await Promise.all([onB.close(), onC.close()]);

  const sorted = [...latencies].sort((x, y) => x - y);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const errors = [...a.errors, ...b.errors, ...c.errors];
  console.log(
    `fan-out, webhook on A until B's and C's event streams show it: ${sorted.length} samples, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms (target p99 ≤ ${TARGET_P99_MS} ms)`,
  );
  console.log(`alerts sent: ${[a, b, c].reduce((sum, replica) => sum + replica.alerts.length, 0)}`);
  if (errors.length > 0) {
    console.log(
      `reported by the replicas (${errors.length}): ${JSON.stringify(errors.slice(0, 3))}`,
    );
  }
  if (!(p99 <= TARGET_P99_MS)) {
    console.error('fan-out: target missed');
    process.exitCode = 1;
  }
} finally {
  await killHealthReplicas();
  await sandbox.close();
}
