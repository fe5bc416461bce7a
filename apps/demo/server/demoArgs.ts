import { DemoConfigError } from './DemoConfigError.js';

/** How `pnpm demo` was asked to run. */
export type DemoMode =
  | { kind: 'single' }
  | { kind: 'replicas'; replicas: number; redisUrl: string; redisPrefix: string };

const USAGE =
  'Usage: pnpm demo [--replicas N]  (N back-end processes sharing state in Redis; needs REDIS_URL)';

/**
 * Reads the demo's command line: nothing (one process, no Redis) or `--replicas N` / `--replicas=N`
 * with `REDIS_URL` set. pnpm hands on what follows the script name, `pnpm demo --replicas 3`.
 *
 * @throws {DemoConfigError} for an unknown flag, a count that is not 1 to 16, or replicas without
 * `REDIS_URL`.
 */
export function parseDemoArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): DemoMode {
  let replicas: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--') continue;
    if (arg === '--replicas') replicas = argv[++index] ?? '';
    else if (arg.startsWith('--replicas=')) replicas = arg.slice('--replicas='.length);
    else throw new DemoConfigError(`Unknown argument "${arg}". ${USAGE}`);
  }
  if (replicas === undefined) return { kind: 'single' };
  if (!/^\d+$/.test(replicas) || Number(replicas) < 1 || Number(replicas) > 16) {
    throw new DemoConfigError(
      `--replicas takes a whole number from 1 to 16, got "${replicas.slice(0, 20)}". ${USAGE}`,
    );
  }
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) {
    throw new DemoConfigError(
      `--replicas ${replicas} needs Redis, where the replicas share tokens, rate limits and health: set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379 pnpm demo --replicas ${replicas}). Without --replicas the demo runs as one process and needs no Redis.`,
    );
  }
  return {
    kind: 'replicas',
    replicas: Number(replicas),
    redisUrl,
    redisPrefix: env.DEMO_REDIS_PREFIX?.trim() || 'makini-demo:',
  };
}
