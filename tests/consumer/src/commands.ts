import { spawn } from 'node:child_process';

/**
 * The environment the apps' own tools get: this one, without what pnpm, turbo and Vitest set for
 * themselves. npm would read pnpm's `npm_config_*` as its own settings, Vite would build for
 * `NODE_ENV=test`, and a nested Vitest would think it runs inside this one. No colours: the output
 * goes into failure messages.
 */
export function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|VITEST|TURBO_|NODE_ENV$|NODE_OPTIONS$|TEST$|FORCE_COLOR$)/.test(name))
      continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface CommandOptions {
  cwd: string;
  env?: Record<string, string>;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  /** stdout and stderr as they came, for a failure message. */
  output: string;
  ms: number;
}

/** Runs a command to its end. Never rejects on a failed exit: the caller asserts on `code` with `output`. */
export function run(command: string, args: string[], options: CommandOptions) {
  const started = performance.now();
  return new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: appEnv(options.env) });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, output: `$ ${command} ${args.join(' ')}\n${output}`, ms: 0 }),
    );
  }).then((result) => ({ ...result, ms: Math.round(performance.now() - started) }));
}

export interface Started {
  /** What `ready` matched. */
  match: RegExpMatchArray;
  /** Everything printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a server process and resolves once a line it prints matches `ready`. Rejects with what it
 * printed when it exits first or stays silent past `timeoutMs`.
 */
export function start(
  command: string,
  args: string[],
  options: CommandOptions & { ready: RegExp; timeoutMs?: number },
) {
  const child = spawn(command, args, { cwd: options.cwd, env: appEnv(options.env) });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise<Started>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output}`)));
    };
    const timer = setTimeout(() => fail('not ready in time'), options.timeoutMs ?? 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(options.ready);
      if (match) {
        clearTimeout(timer);
        resolve({ match, output: () => output, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before it was ready`));
  });
}
