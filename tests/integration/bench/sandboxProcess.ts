import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The sandbox in a process of its own (its built CLI), so what a benchmark measures of the client's
 * process (memory, event loop) is the client's alone.
 */
export async function startSandboxProcess(args: string[]) {
  const cli = fileURLToPath(new URL('../../../packages/sandbox/dist/cli.js', import.meta.url));
  const child = spawn(process.execPath, [cli, 'start', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`sandbox exited with ${code}; run pnpm build first`)),
    );
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/__sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return ((await response.json()) as { data: unknown }).data;
  };
  return {
    url,
    connections: async () =>
      (await admin('GET', '/connections')) as Array<{ connectionKey: string }>,
    setRateLimit: (limit: number, windowMs?: number) =>
      admin('PUT', '/rate-limit', { limit, ...(windowMs ? { window_ms: windowMs } : {}) }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
