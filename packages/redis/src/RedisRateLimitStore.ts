import type {
  RateLimitObservation,
  RateLimitPolicy,
  RateLimitStore,
  RateLimitTake,
} from '@makini-kit/core';
import type { RedisArgument, RedisConnection } from './RedisConnection.js';
import { redisScript } from './RedisScript.js';

/** Options of {@link RedisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** From `toRedisConnection(client)`. */
  connection: RedisConnection;
  /** Put before every key. @default 'makini:' */
  prefix?: string | undefined;
}

/**
 * The rules of core's `MemoryRateLimitStore`, line for line, on Redis's clock (`TIME`), so that
 * replicas on machines whose clocks differ still agree. One hash per connection: `l` limit, `t`
 * tokens left, `r` reset, `w` earliest end of the server's window, `f` in flight, `k` server's
 * reset known, `p` paused until (epoch ms). It expires three windows after its reset.
 */
const RATE = redisScript(`
local key, op = KEYS[1], ARGV[1]
local limit, window = tonumber(ARGV[2]), tonumber(ARGV[3])
local ROUNDING, RECHECK, CLOSURE = 1000, 25, 3600000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local function int(x) return string.format('%d', x) end
local h = redis.call('HMGET', key, 'l', 't', 'r', 'w', 'f', 'k', 'p')
local exists = h[1] ~= false
if op == 'observe' and ARGV[4] == '' and ARGV[6] == '' then op = 'settle' end
if op == 'settle' or op == 'observe' then
  if exists and tonumber(h[5]) > 0 then
    h[5] = tonumber(h[5]) - 1
    if op == 'settle' then redis.call('HINCRBY', key, 'f', -1) end
  end
  if op == 'settle' then return 0 end
end
local b
if exists then
  b = { l = tonumber(h[1]), t = tonumber(h[2]), r = tonumber(h[3]), w = tonumber(h[4]),
        f = tonumber(h[5]), k = tonumber(h[6]), p = tonumber(h[7]) }
  if now >= b.r and (b.k == 1 or b.f == 0 or now >= b.r + window) then
    if b.f == 0 or b.k == 1 then b.w = now + window else b.w = 0 end
    b.t, b.r, b.k = b.l, now + window, 0
  end
else
  b = { l = limit, t = limit, r = now + window, w = 0, f = 0, k = 0, p = 0 }
end
local result = 0
if op == 'take' then
  if b.t > 0 then
    b.t, b.f, result = b.t - 1, b.f + 1, { 1 }
  else
    local wait = RECHECK
    if b.r > now then wait = b.r - now end
    result = { 0, wait, b.r - now }
  end
elseif op == 'observe' then
  local remaining, olimit, reset = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
  local apply = true
  if reset then
    local rel = reset
    if reset <= window + ROUNDING then rel = math.min(reset, window) end
    local top = math.min(now + rel, now + math.max(window, CLOSURE))
    if top < b.w then
      apply = false
    elseif not (b.k == 1 and window > ROUNDING and b.r > now + reset - ROUNDING and b.r <= top) then
      b.r = math.max(top, b.p)
    end
  end
  if apply then
    b.k = 1
    if olimit and olimit > 0 and olimit == math.floor(olimit) then b.l = olimit end
    if remaining and remaining == math.floor(remaining) then
      b.t = math.max(0, math.min(b.t, remaining))
    end
  end
elseif op == 'pause' then
  b.t = 0
  local ms = tonumber(ARGV[4])
  if ms then
    b.p = math.max(b.p, math.min(now + math.max(0, ms), now + math.max(window, CLOSURE)))
    if b.k == 1 then b.r = math.max(b.r, b.p) else b.r = b.p end
    b.k = 1
  end
end
redis.call('HSET', key, 'l', int(b.l), 't', int(b.t), 'r', int(b.r), 'w', int(b.w),
  'f', int(b.f), 'k', int(b.k), 'p', int(b.p))
redis.call('PEXPIRE', key, int(math.max(b.r, b.p) - now + 3 * window))
return result
`);

const MAX_MS = 2 ** 31 - 1;

function checkPolicy(operation: string, policy: RateLimitPolicy): RedisArgument[] {
  if (!(Number.isInteger(policy?.limit) && policy.limit > 0)) {
    throw new RangeError(
      `RedisRateLimitStore.${operation}: limit must be a positive integer, got ${String(policy?.limit)}.`,
    );
  }
  const { windowMs } = policy;
  if (!(typeof windowMs === 'number' && windowMs >= 1 && windowMs <= MAX_MS)) {
    throw new RangeError(
      `RedisRateLimitStore.${operation}: windowMs must be a number of milliseconds from 1 to 2^31-1, got ${String(windowMs)}.`,
    );
  }
  return [policy.limit, Math.ceil(windowMs)];
}

/** A whole number of ms for the script, or '' for none. */
const ms = (value: number | undefined): RedisArgument =>
  value === undefined || Number.isNaN(value)
    ? ''
    : Math.ceil(Math.min(Math.max(value, -MAX_MS), MAX_MS));

/**
 * A {@link RateLimitStore} in Redis: one budget per connection for every replica that shares it,
 * counted atomically by one Lua script on Redis's clock. A 429 seen by any replica pauses the
 * connection for all. Stored at `<prefix>rate:{<connectionKey>}` (a hash in the connection's Redis
 * Cluster slot) that expires a few windows after its reset, so an idle connection costs nothing.
 * A failure or a missed deadline rejects with `StateStoreError`; nothing is cached as broken.
 *
 * @example
 * import Redis from 'ioredis';
 * const store = new RedisRateLimitStore({ connection: toRedisConnection(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')) });
 * const client = new MakiniClient({ getToken, connectionKey, rateLimit: { limit: 600, windowMs: 60_000, store } });
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #connection: RedisConnection;
  readonly #prefix: string;

  /**
   * Each replica makes its own, on the same Redis (and `prefix`).
   *
   * @param options The connection from `toRedisConnection`, and the rest of {@link RedisRateLimitStoreOptions}.
   * @throws {TypeError} When an option is missing or of the wrong type.
   */
  constructor(options: RedisRateLimitStoreOptions) {
    if (!options?.connection) {
      throw new TypeError(
        'RedisRateLimitStore needs a connection: pass { connection: toRedisConnection(redisClient) }.',
      );
    }
    this.#connection = options.connection;
    this.#prefix = options.prefix ?? 'makini:';
  }

  #run(operation: string, key: string, args: RedisArgument[]): Promise<unknown> {
    return this.#connection.evalScript(
      `rateLimit.${operation}`,
      RATE,
      [`${this.#prefix}rate:{${key}}`],
      args,
    );
  }

  async take(key: string, policy: RateLimitPolicy): Promise<RateLimitTake> {
    const reply = (await this.#run('take', key, ['take', ...checkPolicy('take', policy)])) as [
      number,
      number?,
      number?,
    ];
    if (Number(reply[0]) === 1) return { granted: true };
    // The reset on this process's clock, whatever Redis's says.
    return { granted: false, waitMs: Number(reply[1]), resetAt: Date.now() + Number(reply[2]) };
  }

  async observe(
    key: string,
    observation: RateLimitObservation,
    policy: RateLimitPolicy,
  ): Promise<void> {
    const { remaining, limit, resetInMs } = observation;
    await this.#run('observe', key, [
      'observe',
      ...checkPolicy('observe', policy),
      remaining === undefined || !Number.isInteger(remaining) ? '' : remaining,
      limit === undefined || !Number.isInteger(limit) ? '' : limit,
      ms(resetInMs),
    ]);
  }

  async settle(key: string): Promise<void> {
    await this.#run('settle', key, ['settle', 1, 1]);
  }

  async pause(key: string, pauseMs: number, policy: RateLimitPolicy): Promise<void> {
    await this.#run('pause', key, ['pause', ...checkPolicy('pause', policy), ms(pauseMs)]);
  }
}
