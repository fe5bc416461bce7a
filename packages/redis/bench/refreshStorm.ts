/**
 * Refresh storm: 1,000 sandbox connections whose stored access tokens have all expired, three
 * replica processes, 20 concurrent `getToken()` callers per connection on each. First with one
 * RedisTokenStore + RedisLock shared by the replicas, then with per-process TokenManagers (no store,
 * no lock) as the baseline. Counts what the sandbox saw (refresh grants, refresh-token reuse) and
 * what callers got (ReauthorizationRequiredError: a false "reconnect" for a healthy connection).
 * Exits non-zero when the shared run misses its target: exactly one grant per connection, no reuse,
 * no ReauthorizationRequiredError, no other error, one token per connection for every caller.
 *
 * Run from packages/redis: `tsx bench/refreshStorm.ts [connections]` (REDIS_URL, default
 * redis://127.0.0.1:6390). The sandbox and the replicas are processes of their own, from source.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { killReplicas, ReplicaProcess } from '../test/tokens/ReplicaProcess.js';
import type { CallerOutcome, ReplicaConfig } from '../test/tokens/replicaProtocol.js';
import { type SandboxProcess, startSandboxProcess } from './sandboxProcess.js';

const CONNECTIONS = Number(process.argv[2] ?? 1000);
const REPLICAS = 3;
const CALLERS = 20;
/**
 * The replicas' Redis deadline: the kit's default unless COMMAND_TIMEOUT_MS says otherwise (60,000
 * calls start at once; on a machine busy with other work a longer one keeps event-loop stalls from
 * ending calls with StateStoreError; the counts this measures do not depend on it).
 */
const COMMAND_TIMEOUT_MS = Number(process.env.COMMAND_TIMEOUT_MS ?? 2_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
// The sandbox's built-in client (DEFAULT_CLIENT of @makini-kit/sandbox).
const CLIENT = { clientId: 'sandbox_client', clientSecret: 'sandbox_secret' };
let sandboxProcess: SandboxProcess['child'] | undefined;

/** Creates the connections through the system API; each answer carries its first pair. */
async function createConnections(sandbox: SandboxProcess): Promise<ReplicaConfig['connections']> {
  const system = (await sandbox.call('POST', '/link/token', {
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    }),
  })) as { access_token: string };
  const label = Math.random().toString(36).slice(2, 8);
  const connections: ReplicaConfig['connections'] = [];
  for (let start = 0; start < CONNECTIONS; start += 50) {
    const batch = Array.from({ length: Math.min(50, CONNECTIONS - start) }, async (_, offset) => {
      const index = start + offset;
      const { data } = (await sandbox.call('POST', '/api/system/connections', {
        headers: {
          authorization: `Bearer ${system.access_token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          name: `Storm ${index}`,
          email: `storm+${label}-${index}@example.com`,
          provider: 'sap-s4hana',
          credentials: { login: `storm-${label}-${index}`, password: 'sandbox-password' },
        }),
      })) as { data: { access_token: string; refresh_token: string } };
      return {
        connectionKey: `storm-${label}-${index}`,
        // Expired: every connection's first getToken() must refresh.
        tokens: {
          accessToken: data.access_token,
          refreshToken: data.refresh_token,
          expiresAt: Date.now() - 60_000,
        },
      };
    });
    connections.push(...(await Promise.all(batch)));
  }
  return connections;
}

interface RunResult {
  grants: number;
  reuse: number;
  reauthorizationCallers: number;
  reauthorizationConnections: number;
  otherErrors: number;
  /** The other errors by kind and code. */
  otherKinds: Record<string, number>;
  /** Connections whose callers did not all get one and the same token. */
  splitConnections: number;
}

async function run(
  sandbox: SandboxProcess,
  mode: ReplicaConfig['mode'],
  connections: ReplicaConfig['connections'],
): Promise<RunResult> {
  const prefix = `makini-bench:storm:${Math.random().toString(36).slice(2, 10)}:`;
  const secret = randomBytes(32).toString('base64');
  const replicas = await Promise.all(
    Array.from({ length: REPLICAS }, (_, index) =>
      ReplicaProcess.start({
        sandboxUrl: sandbox.url,
        ...CLIENT,
        redisUrl: REDIS_URL,
        prefix,
        client: index % 2 === 0 ? 'ioredis' : 'node-redis',
        keys: [{ id: 'bench', secret }],
        mode,
        // Shared: each replica seeds the store from these when it is empty, as replicas booting
        // from one configuration do; the first write wins.
        connections,
        callers: CALLERS,
        commandTimeoutMs: COMMAND_TIMEOUT_MS,
      }),
    ),
  );
  await sandbox.call('POST', '/__sandbox/stats/reset', {
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  for (const replica of replicas) replica.go();
  const reports = await Promise.all(replicas.map((replica) => replica.outcomes()));
  const { data: stats } = (await sandbox.call('GET', '/__sandbox/stats')) as {
    data: { grants: { refresh_token: number }; refreshTokenReuse: number };
  };
  await dropKeys(prefix);
  const result: RunResult = {
    grants: stats.grants.refresh_token,
    reuse: stats.refreshTokenReuse,
    reauthorizationCallers: 0,
    reauthorizationConnections: 0,
    otherErrors: 0,
    otherKinds: {},
    splitConnections: 0,
  };
  for (const { connectionKey } of connections) {
    const outcomes: CallerOutcome[] = reports.flatMap((report) => report[connectionKey] ?? []);
    const reauthorizations = outcomes.filter(
      (outcome) => 'error' in outcome && outcome.error === 'ReauthorizationRequiredError',
    ).length;
    result.reauthorizationCallers += reauthorizations;
    if (reauthorizations > 0) result.reauthorizationConnections++;
    for (const outcome of outcomes) {
      if (!('error' in outcome) || outcome.error === 'ReauthorizationRequiredError') continue;
      result.otherErrors++;
      const kind = [outcome.error, outcome.code, outcome.operation].filter(Boolean).join(' ');
      result.otherKinds[kind] = (result.otherKinds[kind] ?? 0) + 1;
    }
    const tokens = new Set(outcomes.map((outcome) => ('token' in outcome ? outcome.token : '')));
    if (tokens.size !== 1 || tokens.has('') || outcomes.length !== REPLICAS * CALLERS) {
      result.splitConnections++;
    }
  }
  return result;
}

async function dropKeys(prefix: string) {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

function table(shared: RunResult, local: RunResult) {
  const rows: Array<[string, (result: RunResult) => string | number, string]> = [
    ['refresh grants', (result) => result.grants, `= ${CONNECTIONS}`],
    ['refresh-token reuse', (result) => result.reuse, '= 0'],
    [
      'ReauthorizationRequiredError (callers / connections)',
      (result) => `${result.reauthorizationCallers} / ${result.reauthorizationConnections}`,
      '= 0',
    ],
    ['other errors', (result) => result.otherErrors, '= 0'],
    ['connections whose callers got different tokens', (result) => result.splitConnections, '= 0'],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const cell = (value: string | number) => String(value).padStart(12);
  return [
    `refresh storm: ${CONNECTIONS} connections with expired tokens, ${REPLICAS} replica processes × ${CALLERS} callers per connection (${CONNECTIONS * REPLICAS * CALLERS} getToken calls; Redis deadline ${COMMAND_TIMEOUT_MS} ms)`,
    `${''.padEnd(width)}${'shared'.padStart(12)}${'per-process'.padStart(14)}   target (shared)`,
    ...rows.map(
      ([name, value, target]) =>
        `${name.padEnd(width)}${cell(value(shared))}${cell(value(local)).padStart(14)}   ${target}`,
    ),
    '  shared: one RedisTokenStore + RedisLock; per-process: a TokenManager per replica, no store.',
  ].join('\n');
}

async function main() {
  const sandbox = await startSandboxProcess(1);
  sandboxProcess = sandbox.child;
  try {
    const connections = await createConnections(sandbox);
    const shared = await run(sandbox, 'shared', connections);
    // The baseline needs pairs nobody has used: the shared run rotated the first ones.
    const fresh = await createConnections(sandbox);
    const local = await run(sandbox, 'local', fresh);
    console.log(table(shared, local));
    for (const [name, result] of [
      ['shared', shared],
      ['per-process', local],
    ] as const) {
      if (result.otherErrors > 0) console.log(`  other errors (${name}):`, result.otherKinds);
    }
    const met =
      shared.grants === CONNECTIONS &&
      shared.reuse === 0 &&
      shared.reauthorizationCallers === 0 &&
      shared.otherErrors === 0 &&
      shared.splitConnections === 0;
    if (!met) {
      console.error('refresh storm: target missed');
      process.exitCode = 1;
    }
  } finally {
    await killReplicas();
    sandboxProcess?.kill('SIGKILL');
  }
}

process.once('SIGINT', () => {
  void killReplicas();
  sandboxProcess?.kill('SIGKILL');
  process.exit(130);
});
main().catch(async (error: unknown) => {
  console.error(error);
  await killReplicas();
  sandboxProcess?.kill('SIGKILL');
  process.exit(1);
});
