import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ReplicaReport, ReplicaStart } from './replicaProtocol.js';

const demoRoot = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('./replica.ts', import.meta.url));

/** One back-end replica process. */
export interface ReplicaProcess {
  name: string;
  /** Where it listens (the proxy sends it requests there). */
  url: string;
  pid: number;
  child: ChildProcess;
}

/** A replica that ended while the demo ran: how, for the log. */
export interface ReplicaExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

function describeExit({ name, code, signal }: ReplicaExit) {
  return signal ? `${name} was killed (${signal})` : `${name} exited with status ${code}`;
}

/**
 * Starts one replica process (`server/replica.ts` under tsx, from source like the rest of the demo)
 * and resolves when it listens. Its output goes to `log`, each line prefixed with its name.
 *
 * @throws {Error} when it fails to start or ends first, with its reason.
 */
export function startReplica(
  start: Omit<ReplicaStart, 'type'>,
  options: { log: (line: string) => void; onExit: (exit: ReplicaExit) => void },
): Promise<ReplicaProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@makini-kit/source', '--import', 'tsx', entry],
    { cwd: demoRoot, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: process.env },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) =>
        options.log(`[${start.name}] ${line}`),
      );
  }
  return new Promise<ReplicaProcess>((resolve, reject) => {
    let ready = false;
    child.once('error', reject);
    child.on('message', (report: ReplicaReport) => {
      if (report.type === 'failed') {
        reject(new Error(`${start.name} could not start: ${report.message}`));
        return;
      }
      ready = true;
      resolve({ name: start.name, url: report.url, pid: child.pid ?? 0, child });
    });
    child.once('exit', (code, signal) => {
      const exit = { name: start.name, code, signal };
      if (!ready) reject(new Error(`${describeExit(exit)} before it was ready.`));
      else options.onExit(exit);
    });
    child.send({ type: 'start', ...start } satisfies ReplicaStart);
  });
}

/**
 * Stops replicas as Ctrl-C would: SIGTERM (each closes its server and Redis client and exits), then
 * SIGKILL for one that has not ended within `graceMs`.
 */
export async function stopReplicas(replicas: readonly ReplicaProcess[], graceMs = 5_000) {
  await Promise.all(
    replicas.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export { describeExit };
