import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How a benchmark starts Node children: from source, TypeScript through tsx. */
export const FROM_SOURCE = ['--conditions=@makini-kit/source', '--import', 'tsx'];

/** The sandbox CLI, from source, in a process of its own, with a JSON caller for its API. */
export interface SandboxProcess {
  url: string;
  child: ChildProcess;
  /** Sends one request and resolves to its JSON body; a status outside 2xx throws. */
  call(
    method: string,
    path: string,
    init?: RequestInit,
  ): Promise<Record<string, unknown> & { data?: unknown }>;
}

/**
 * Starts `makini-sandbox start --port 0 --orders <orders>` and resolves once it says where it
 * listens. A process of its own, so the load it serves is not counted against the benchmark's.
 */
export async function startSandboxProcess(orders: number): Promise<SandboxProcess> {
  const cli = fileURLToPath(new URL('../../sandbox/src/cli.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [...FROM_SOURCE, cli, 'start', '--port', '0', '--orders', String(orders)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
  });
  const call: SandboxProcess['call'] = async (method, path, init = {}) => {
    const response = await fetch(`${url}${path}`, { method, ...init });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown> & { data?: unknown };
  };
  return { url, child, call };
}
