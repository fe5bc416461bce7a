import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
  CallerOutcome,
  ParentMessage,
  ReplicaConfig,
  ReplicaMessage,
} from './replicaProtocol.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./replica.ts', import.meta.url));
const running = new Set<ChildProcess>();

/** A replica (`replica.ts`) in a child process of its own: `node --import tsx`, from source. */
export class ReplicaProcess {
  readonly #child: ChildProcess;
  readonly #received: ReplicaMessage[] = [];
  readonly #waiting = new Set<() => void>();
  readonly exited: Promise<NodeJS.Signals | number | null>;

  private constructor() {
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
        for (const wake of this.#waiting) wake();
      }),
    );
    this.#child.on('message', (message: ReplicaMessage) => {
      this.#received.push(message);
      for (const wake of this.#waiting) wake();
    });
  }

  /** Forks a replica and hands it `config`; resolves when it waits for `go`. */
  static async start(config: ReplicaConfig): Promise<ReplicaProcess> {
    const replica = new ReplicaProcess();
    await replica.#next('ready');
    replica.#send({ kind: 'config', config });
    await replica.#next('ready');
    return replica;
  }

  #send(message: ParentMessage) {
    this.#child.send(message);
  }

  /** The next message of `kind` (each message is taken once). */
  #next<K extends ReplicaMessage['kind']>(kind: K): Promise<Extract<ReplicaMessage, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const index = this.#received.findIndex((message) => message.kind === kind);
        if (index >= 0) {
          this.#waiting.delete(look);
          resolve(this.#received.splice(index, 1)[0] as Extract<ReplicaMessage, { kind: K }>);
        } else if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
          this.#waiting.delete(look);
          reject(new Error(`replica exited before sending ${kind}`));
        }
      };
      this.#waiting.add(look);
      look();
    });
  }

  /** Starts the callers. */
  go(): void {
    this.#send({ kind: 'go' });
  }

  /** Each caller's outcome, by connection. */
  async outcomes(): Promise<Record<string, CallerOutcome[]>> {
    return (await this.#next('done')).outcomes;
  }

  /** Resolves when the replica has the token endpoint's answer (and hangs before storing it). */
  async answered(): Promise<void> {
    await this.#next('answered');
  }

  /** SIGKILL: no cleanup, no `finally`, the lock stays until its lease runs out. */
  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill('SIGKILL');
    }
    await this.exited;
  }
}

/** Kills every replica still running (for afterEach/afterAll). */
export async function killReplicas(): Promise<void> {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(
    [...running].map((child) => new Promise((resolve) => child.once('exit', resolve))),
  );
}
