import { Redis } from 'ioredis';
import { DemoConfigError } from './DemoConfigError.js';

/** How long the demo waits for Redis to answer a PING before it gives up. */
export const REDIS_CHECK_MS = 3_000;

const EXAMPLE = 'e.g. REDIS_URL=redis://127.0.0.1:6379';

/** `REDIS_URL` parsed, or a `DemoConfigError` that does not repeat it (it may hold a password). */
function parseRedisUrl(redisUrl: string): URL {
  const url = URL.canParse(redisUrl) ? new URL(redisUrl) : undefined;
  if (url?.protocol === 'redis:' || url?.protocol === 'rediss:') return url;
  throw new DemoConfigError(
    `REDIS_URL must be a redis:// or rediss:// URL (${EXAMPLE}, or redis://:password@host:6379/0).`,
  );
}

/**
 * The address to show for `REDIS_URL`: `redis://user:***@host:port/db`, never the password.
 *
 * @example
 * redactRedisUrl('redis://:s3cret@cache:6379'); // 'redis://:***@cache:6379'
 */
export function redactRedisUrl(redisUrl: string): string {
  const url = parseRedisUrl(redisUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Says what is wrong with Redis at `redisUrl`, as the one line `pnpm demo` prints. */
export function unreachable(redisUrl: string, reason: string): DemoConfigError {
  const { password } = parseRedisUrl(redisUrl);
  const said = password
    ? reason.replaceAll(password, '***').replaceAll(decodeURIComponent(password), '***')
    : reason;
  return new DemoConfigError(
    `Cannot reach Redis at ${redactRedisUrl(redisUrl)} (REDIS_URL): ${said}. Start Redis there, or point REDIS_URL at one that runs (${EXAMPLE}).`,
  );
}

/**
 * Connects `client` (when made with `lazyConnect`) and has it answer a PING within `deadlineMs`.
 * ioredis reports a refused connection as an `error` event and rejects `connect()` with only
 * "Connection is closed.": the event's reason is the one worth showing.
 *
 * @throws {DemoConfigError} naming REDIS_URL, the address (password hidden) and the reason
 */
export async function pingRedis(
  client: Redis,
  redisUrl: string,
  deadlineMs = REDIS_CHECK_MS,
): Promise<void> {
  let reason: string | undefined;
  const onError = (error: Error) => {
    reason ??= error.message;
  };
  client.on('error', onError);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      (async () => {
        if (client.status === 'wait') await client.connect();
        await client.ping();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer to PING within ${deadlineMs} ms`)),
          deadlineMs,
        );
      }),
    ]);
  } catch (error) {
    throw unreachable(redisUrl, reason ?? (error as Error).message);
  } finally {
    clearTimeout(timer);
    client.off('error', onError);
  }
}

/**
 * Checks that Redis at `redisUrl` answers before the demo starts anything that needs it, so a
 * wrong or missing Redis is one clear line instead of a replica's stack trace.
 *
 * @throws {DemoConfigError} when `redisUrl` is not a Redis URL or Redis does not answer in time
 * @example
 * await checkRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 */
export async function checkRedis(
  redisUrl: string,
  options: { deadlineMs?: number } = {},
): Promise<void> {
  parseRedisUrl(redisUrl);
  const deadlineMs = options.deadlineMs ?? REDIS_CHECK_MS;
  // One attempt: a refused connection is the answer, not something to retry for seconds.
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: deadlineMs,
  });
  // Errors after the check (the disconnect below) are nobody's business.
  client.on('error', () => undefined);
  try {
    await pingRedis(client, redisUrl, deadlineMs);
  } finally {
    client.disconnect();
  }
}
