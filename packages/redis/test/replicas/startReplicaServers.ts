import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReplicaServerConfig, ReplicaServerReady } from './replicaProtocol.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./replicaServer.ts', import.meta.url));
const running = new Set<ChildProcess>();

/** A running `replicaServer.ts` process. */
export interface ReplicaServer {
  name: string;
  url: string;
  child: ChildProcess;
}

/** Forks one replica per config, from source under tsx, and resolves when all listen. */
export function startReplicaServers(configs: ReplicaServerConfig[]): Promise<ReplicaServer[]> {
  return Promise.all(
    configs.map(
      (config) =>
        new Promise<ReplicaServer>((resolve, reject) => {
          const child = fork(SCRIPT, [], {
            cwd: PACKAGE_DIR,
            execArgv: ['--conditions=@makini-kit/source', '--import', 'tsx'],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          running.add(child);
          child.once('exit', (code, signal) => {
            running.delete(child);
            reject(new Error(`${config.name} ended (${signal ?? code}) before it listened.`));
          });
          child.once('message', (ready: ReplicaServerReady) =>
            resolve({ name: config.name, url: ready.url, child }),
          );
          child.send(config);
        }),
    ),
  );
}

/** Kills every replica this module started, ready or not, and waits for them to end. */
export async function stopReplicaServers() {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
