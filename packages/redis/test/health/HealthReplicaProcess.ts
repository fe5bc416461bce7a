import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HealthReplicaConfig, HealthReplicaMessage } from './healthReplicaProtocol.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./healthReplica.ts', import.meta.url));
const running = new Set<ChildProcess>();

/** A health replica (`healthReplica.ts`) in a child process of its own, run from source. */
export class HealthReplicaProcess {
  readonly #child: ChildProcess;
  readonly config: HealthReplicaConfig;
  /** Its health endpoints and webhook endpoint (`/webhooks`). */
  url = '';
  readonly alerts: Array<{ alertKind: string; connectionId: string }> = [];
  readonly polls: Array<{ connectionId: string; at: number }> = [];
  readonly errors: Array<{ operation: string; message: string; at: number }> = [];
  readonly exited: Promise<NodeJS.Signals | number | null>;

  private constructor(config: HealthReplicaConfig) {
    this.config = config;
    this.#child = fork(SCRIPT, [], {
      cwd: PACKAGE_DIR,
      execArgv: ['--conditions=@makini-kit/source', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(this.#child);
    this.exited = new Promise((resolve) =>
      this.#child.once('exit', (code, signal) => {
        running.delete(this.#child);
        resolve(signal ?? code);
      }),
    );
    this.#child.on('message', (message: HealthReplicaMessage) => {
      if (message.kind === 'alert') this.alerts.push(message);
      else if (message.kind === 'poll') this.polls.push(message);
      else if (message.kind === 'error') this.errors.push({ ...message, at: Date.now() });
    });
  }

  /** Forks a replica; resolves once it serves its endpoints. */
  static async start(config: HealthReplicaConfig): Promise<HealthReplicaProcess> {
    const replica = new HealthReplicaProcess(config);
    const child = replica.#child;
    const ready = (withUrl: boolean) =>
      new Promise<string>((resolve, reject) => {
        const onMessage = (message: HealthReplicaMessage) => {
          if (message.kind !== 'ready' || Boolean(message.url) !== withUrl) return;
          child.off('message', onMessage);
          resolve(message.url ?? '');
        };
        child.on('message', onMessage);
        void replica.exited.then((code) =>
          reject(
            new Error(`health replica ${config.replicaId} exited (${code}) before it was ready`),
          ),
        );
      });
    await ready(false);
    child.send({ kind: 'config', config });
    replica.url = await ready(true);
    return replica;
  }

  /** SIGKILL: no cleanup at all, its leases stay until they run out. */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill('SIGKILL');
    }
    await this.exited;
  }
}

/** Kills every health replica still running (for afterEach/afterAll, and a bench's exit). */
export async function killHealthReplicas(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
}
