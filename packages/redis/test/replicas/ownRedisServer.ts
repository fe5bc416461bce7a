import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `redis-server` of a test's own, on a free loopback port, that the test may kill and restart. */
export interface OwnRedisServer {
  url: string;
  /** Kills it as a crash would (SIGKILL): clients see the connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder: it reloads its append-only file. */
  start(): Promise<void>;
  /**
   * Stops it without closing anything (SIGSTOP): connections stay open and new ones are still
   * accepted by the system, but nothing is answered until `resume()`.
   */
  pause(): void;
  /** Lets a paused one answer again (SIGCONT). */
  resume(): void;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves once the port answers PING with PONG (the data set is loaded by then). */
async function answers(port: number): Promise<void> {
  for (;;) {
    const pong = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.write('PING\r\n');
    });
    if (pong) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts one, by default with persistence on: `--appendonly yes --appendfsync always`, so every write Redis
 * acknowledged is on disk before the answer, and a SIGKILL then a restart lose nothing. This
 * models the outage the kit must ride out (Redis gone, then back with its data) with a real
 * process restart; without persistence a restarted Redis comes back empty, which is a different
 * failure (tokens lost) that no client can repair.
 */
export async function startOwnRedisServer(
  options: { persistence?: boolean } = {},
): Promise<OwnRedisServer> {
  const appendOnly = (options.persistence ?? true) ? ['yes', '--appendfsync', 'always'] : ['no'];
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'makini-redis-'));
  let server: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
        ...['--appendonly', ...appendOnly],
      ],
      { stdio: 'ignore' },
    );
    server = started;
    await Promise.race([
      answers(port),
      new Promise<never>((_, reject) => {
        started.once('error', () =>
          reject(new Error('redis-server is not installed: apt-get install redis-server.')),
        );
        started.once('exit', (code) =>
          reject(new Error(`redis-server exited with status ${code} on port ${port}.`)),
        );
      }),
    ]);
  };
  const kill = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    pause: () => server?.kill('SIGSTOP'),
    resume: () => server?.kill('SIGCONT'),
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
