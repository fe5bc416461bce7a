import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Gives the tests a real Redis: the one `REDIS_URL` names (CI starts it), or else a
 * `redis-server` started here on a free loopback port and stopped afterwards.
 */
let server: ChildProcess | undefined;

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

export async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return;
  }
  const port = await freePort();
  server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await new Promise<void>((resolve, reject) => {
    server?.once('error', () =>
      reject(
        new Error(
          'redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL.',
        ),
      ),
    );
    server?.once('spawn', () => setTimeout(resolve, 300));
  });
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
}

export async function teardown() {
  server?.kill();
}
