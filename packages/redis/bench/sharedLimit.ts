/**
 * Shared limit: a sandbox whose connections are limited to 40 requests per 2 s, and three replica
 * processes with eight workers each calling a cheap endpoint of one connection for 10 s. Reports
 * goodput (successful calls as a share of what the limit allows in that time) and the 429s the
 * server answered, first with one RedisRateLimitStore shared by the replicas, then with
 * per-process limiters as the baseline. Exits non-zero when the shared run misses its target:
 * goodput of at least 95% with no 429.
 *
 * Run from packages/redis: `tsx bench/sharedLimit.ts` (REDIS_URL, default redis://127.0.0.1:6390).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FROM_SOURCE, type SandboxProcess, startSandboxProcess } from './sandboxProcess.js';
import type { ReplicaConfig, ReplicaReport } from './sharedLimitReplica.js';

const LIMIT = 40;
const WINDOW_MS = 2000;
const REPLICAS = 3;
const WORKERS = 8;
const DURATION_MS = 10_000;
const TARGET = 0.95;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
const children = new Set<ChildProcess>();

function track(child: ChildProcess) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killAll() {
  for (const child of children) child.kill('SIGKILL');
}
process.once('SIGINT', () => {
  killAll();
  process.exit(130);
});

/** The first seeded connection and a token for it, through the system API. */
async function connectionToken(sandbox: SandboxProcess) {
  const system = (await sandbox.call('POST', '/link/token', {
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'sandbox_client',
      client_secret: 'sandbox_secret',
    }),
  })) as { access_token: string };
  const [first] = (await sandbox.call('GET', '/__sandbox/connections')).data as Array<{
    connectionKey: string;
  }>;
  if (!first) throw new Error('the sandbox has no connection');
  const issued = (await sandbox.call(
    'POST',
    `/api/system/connections/${first.connectionKey}/token`,
    { headers: { authorization: `Bearer ${system.access_token}` } },
  )) as { data: { token: string } };
  return { connectionKey: first.connectionKey, token: issued.data.token };
}

/** A replica process; resolves once it is configured and waits for `go`. */
async function startReplica(config: ReplicaConfig) {
  const script = fileURLToPath(new URL('./sharedLimitReplica.ts', import.meta.url));
  const child = track(fork(script, [], { execArgv: FROM_SOURCE, stdio: 'inherit' }));
  const messages: Array<{ kind: string; report?: ReplicaReport }> = [];
  const wakers = new Set<() => void>();
  child.on('message', (message: { kind: string }) => {
    messages.push(message);
    for (const wake of wakers) wake();
  });
  child.once('exit', () => {
    for (const wake of wakers) wake();
  });
  const next = (kind: string) =>
    new Promise<{ kind: string; report?: ReplicaReport }>((resolve, reject) => {
      const look = () => {
        const index = messages.findIndex((message) => message.kind === kind);
        if (index >= 0) {
          wakers.delete(look);
          resolve(messages.splice(index, 1)[0] as { kind: string; report?: ReplicaReport });
        } else if (child.exitCode !== null || child.signalCode !== null) {
          wakers.delete(look);
          reject(new Error(`a replica exited before sending ${kind}`));
        }
      };
      wakers.add(look);
      look();
    });
  await next('ready');
  child.send({ kind: 'config', config });
  await next('ready');
  return {
    go: (startAt: number, deadline: number) => child.send({ kind: 'go', startAt, deadline }),
    report: async () => (await next('done')).report as ReplicaReport,
  };
}

async function run(
  sandbox: SandboxProcess,
  mode: ReplicaConfig['mode'],
  connection: { connectionKey: string; token: string },
) {
  // Fresh windows for every run.
  await sandbox.call('PUT', '/__sandbox/rate-limit', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ limit: LIMIT, window_ms: WINDOW_MS }),
  });
  const prefix = `makini-bench:${Math.random().toString(36).slice(2, 10)}:`;
  const replicas = await Promise.all(
    Array.from({ length: REPLICAS }, (_, index) =>
      startReplica({
        sandboxUrl: sandbox.url,
        ...connection,
        limit: LIMIT,
        windowMs: WINDOW_MS,
        workers: WORKERS,
        mode,
        redisUrl: REDIS_URL,
        prefix,
        client: index % 2 === 0 ? 'ioredis' : 'node-redis',
      }),
    ),
  );
  const startAt = Date.now() + 500;
  for (const replica of replicas) replica.go(startAt, startAt + DURATION_MS);
  const reports = await Promise.all(replicas.map((replica) => replica.report()));
  const sum = (key: keyof ReplicaReport) => reports.reduce((total, one) => total + one[key], 0);
  const allowed = (LIMIT * DURATION_MS) / WINDOW_MS;
  return {
    ok: sum('ok'),
    limited: sum('limited'),
    failed: sum('failed'),
    goodput: sum('ok') / allowed,
  };
}

async function main() {
  const sandbox = await startSandboxProcess(5);
  track(sandbox.child);
  try {
    const connection = await connectionToken(sandbox);
    const shared = await run(sandbox, 'shared', connection);
    const local = await run(sandbox, 'local', connection);
    const line = (name: string, result: typeof shared) =>
      `  ${name.padEnd(28)} goodput ${(result.goodput * 100).toFixed(1)}% of the limit (${result.ok} successful calls), ${result.limited} answered 429, ${result.failed} other failures`;
    console.log(
      [
        `shared limit: ${LIMIT} requests per ${WINDOW_MS / 1000} s on one connection, ${REPLICAS} replica processes × ${WORKERS} workers, ${DURATION_MS / 1000} s`,
        line('one RedisRateLimitStore:', shared),
        line('per-process limiters:', local),
        `  target: goodput ≥ ${TARGET * 100}% with 0 × 429`,
      ].join('\n'),
    );
    const met = shared.goodput >= TARGET && shared.limited === 0 && shared.failed === 0;
    if (!met) {
      console.error('shared limit: target missed');
      process.exitCode = 1;
    }
  } finally {
    killAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  killAll();
  process.exit(1);
});
