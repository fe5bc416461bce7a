import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRedis, redactRedisUrl } from './checkRedis.js';
import { DemoConfigError } from './DemoConfigError.js';
import { openRedisState } from './openRedisState.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
const demoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'makini-demo-redis-check-'));
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A loopback port where nothing listens (taken and given back at once). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A server that accepts connections and never answers: a Redis that hangs. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as { port: number }).port;
}

const keys = [{ id: 'test', secret: Buffer.alloc(32, 7).toString('base64') }];

describe('pnpm demo --replicas with a Redis that is not there', () => {
  it('exits with status 1 and one line naming REDIS_URL and the address, password hidden, starting nothing', async () => {
    const port = await closedPort();
    const run = spawnSync(
      process.execPath,
      ['--conditions=@makini-kit/source', '--import', 'tsx', 'server/main.ts', '--replicas', '2'],
      {
        cwd: demoRoot,
        env: { ...process.env, REDIS_URL: `redis://demo:s3cret@127.0.0.1:${port}` },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`redis://demo:***@127.0.0.1:${port}`);
    expect(lines[0]).toMatch(/REDIS_URL/);
    expect(lines[0]).toMatch(/ECONNREFUSED/);
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cret');
    expect(run.stdout).not.toMatch(/\[replica-|Unhandled error|demo is running/);
  });
});

describe('checkRedis', () => {
  it('passes for a Redis that answers PING', async () => {
    await expect(checkRedis(REDIS_URL)).resolves.toBeUndefined();
  });

  it('refuses a refused connection with a DemoConfigError naming REDIS_URL and the address', async () => {
    const port = await closedPort();
    const check = checkRedis(`redis://:hunter2@127.0.0.1:${port}/2`);
    await expect(check).rejects.toThrow(DemoConfigError);
    await expect(check).rejects.toThrow(
      `Cannot reach Redis at redis://:***@127.0.0.1:${port}/2 (REDIS_URL): connect ECONNREFUSED`,
    );
    await expect(check).rejects.not.toThrow(/hunter2/);
  });

  it('gives up on a server that never answers, at its deadline', async () => {
    const port = await silentServer();
    await expect(checkRedis(`redis://127.0.0.1:${port}`, { deadlineMs: 300 })).rejects.toThrow(
      `Cannot reach Redis at redis://127.0.0.1:${port} (REDIS_URL): no answer to PING within 300 ms`,
    );
  });

  it('refuses a REDIS_URL that is not a redis:// URL without repeating it', async () => {
    for (const url of ['127.0.0.1:6379', 'http://user:pw@127.0.0.1:6379', 'not a url pw']) {
      const check = checkRedis(url);
      await expect(check).rejects.toThrow(DemoConfigError);
      await expect(check).rejects.toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
      await expect(check).rejects.not.toThrow(/pw/);
    }
  });
});

describe('redactRedisUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactRedisUrl('redis://u:p%40ss@example.com:6380/3')).toBe(
      'redis://u:***@example.com:6380/3',
    );
    expect(redactRedisUrl('rediss://example.com')).toBe('rediss://example.com');
  });
});

/** A redis-server of this test's own, to stop while a replica's state uses it. */
async function ownRedis() {
  const port = await closedPort();
  const server: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  cleanups.push(() => server.kill('SIGKILL'));
  const url = `redis://127.0.0.1:${port}`;
  await expect
    .poll(() =>
      checkRedis(url).then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);
  return { url, server };
}

describe('openRedisState', () => {
  it('refuses a Redis that is not there with the same line', async () => {
    const port = await closedPort();
    await expect(
      openRedisState({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: 'unused:',
        keys,
        replica: 'r1',
        log: () => undefined,
      }),
    ).rejects.toThrow(`Cannot reach Redis at redis://127.0.0.1:${port} (REDIS_URL)`);
  });

  it('says once that Redis went away and once that it is back, instead of an unhandled error per retry', async () => {
    const { url, server } = await ownRedis();
    const lines: string[] = [];
    const state = await openRedisState({
      redisUrl: url,
      prefix: 'outage:',
      keys,
      replica: 'r1',
      log: (line) => lines.push(line),
    });
    // The health bus subscribes on a connection of its own: it goes away too.
    const unsubscribe = await state.healthBus?.subscribe(() => undefined);
    server.kill('SIGKILL');
    await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // Long enough for several reconnect attempts of the client and its subscriber.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^Redis at ${url} \\(REDIS_URL\\) is unreachable \\(.+\\); retrying\\.`),
      ),
    ]);

    const again = spawn('redis-server', ['--port', new URL(url).port, '--bind', '127.0.0.1'], {
      stdio: 'ignore',
    });
    cleanups.push(() => again.kill('SIGKILL'));
    await expect.poll(() => lines.length, { timeout: 20_000 }).toBe(2);
    expect(lines[1]).toBe(`Redis at ${url} (REDIS_URL) answers again.`);
    await unsubscribe?.();
    await state.close();
  });
});
