import type { PollLeases } from '@makini-kit/core';
import { checkRedisOptions, checkTtlMs } from './checkRedisOptions.js';
import type { RedisConnection } from './RedisConnection.js';
import { redisScript } from './RedisScript.js';

/** Options of {@link RedisPollLeases}. */
export interface RedisPollLeasesOptions {
  /** From `toRedisConnection(client)`. */
  connection: RedisConnection;
  /** Put before every key. @default 'makini:' */
  prefix?: string | undefined;
}

/**
 * One claim, for every id at once. KEYS: the members zset, then per id its lease and its want
 * key. ARGV: replica, lease ms, then per id the id and '1' when this replica saw it free at its
 * last claim. Returns the positions (from 1) granted, and those left free.
 */
const CLAIM = redisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local me = ARGV[1]
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + ttl, me)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local live = {}
for _, member in ipairs(members) do live[member] = true end
local granted, free = {}, {}
for i = 1, (#KEYS - 1) / 2 do
  local lease, want, id = KEYS[2 * i], KEYS[2 * i + 1], ARGV[2 * i + 1]
  local preferred, best = nil, nil
  for _, member in ipairs(members) do
    local score = redis.sha1hex(member .. '\\n' .. id)
    if best == nil or score > best then preferred, best = member, score end
  end
  local holder = redis.call('GET', lease)
  if holder == me then
    local wanted = redis.call('GET', want)
    if wanted and wanted ~= me and live[wanted] then
      redis.call('DEL', lease, want)
    else
      redis.call('PEXPIRE', lease, ttl)
      granted[#granted + 1] = i
    end
  elseif not holder then
    if preferred == me or ARGV[2 * i + 2] == '1' then
      redis.call('SET', lease, me, 'PX', ttl)
      if redis.call('GET', want) == me then redis.call('DEL', want) end
      granted[#granted + 1] = i
    else
      free[#free + 1] = i
    end
  elseif preferred == me then
    redis.call('SET', want, me, 'PX', ttl)
  end
end
return {granted, free}
`);

/** KEYS: the members zset, then leases; ARGV: the replica. Drops only what the replica holds. */
const LEAVE = redisScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
return 0
`);

/** Ids per script call: a thousand leases take Redis about a millisecond. */
const BATCH = 1000;

/**
 * {@link PollLeases} on Redis, one Lua script per claim, by the same rules as `MemoryPollLeases`:
 * the live replicas are the members of the sorted set `<prefix>poll:members` (scored by when each
 * one's membership runs out, `leaseMs` after its last claim); each connection goes to the member
 * rendezvous hashing prefers (SHA-1 of member and id), so members share connections evenly and a
 * change of members moves only the connections it must. A lease, `<prefix>poll:lease:{<connection>}`
 * (the holder's replica id, `PX leaseMs`), is held by one replica at a time: a preferred member
 * that finds it held sets `<prefix>poll:want:{<connection>}`, and the holder gives it up at its next
 * claim. A free lease the preferred member has not taken by this replica's next claim is taken.
 * Times are Redis server time, so replicas' clocks do not matter. The script reads and writes the
 * keys of many connections: it needs one Redis (or one Cluster shard), not a Redis Cluster.
 *
 * @example
 * const leases = new RedisPollLeases({ connection: toRedisConnection(redis) });
 * const monitor = new ConnectionHealthMonitor({ leases, bus: new RedisHealthBus({ connection }) });
 */
export class RedisPollLeases implements PollLeases {
  readonly #connection: RedisConnection;
  readonly #prefix: string;
  /** Per replica: the ids it saw free at its last claim, and the ids it was granted. */
  readonly #replicas = new Map<string, { free: Set<string>; granted: Set<string> }>();

  /**
   * Each replica makes its own, on the same Redis (and `prefix`).
   *
   * @param options The connection from `toRedisConnection`, and the rest of {@link RedisPollLeasesOptions}.
   * @throws {TypeError} When an option is missing or of the wrong type.
   */
  constructor(options: RedisPollLeasesOptions) {
    checkRedisOptions('RedisPollLeases', options);
    this.#connection = options.connection;
    this.#prefix = options.prefix ?? 'makini:';
  }

  get #members() {
    return `${this.#prefix}poll:members`;
  }

  #lease(connectionId: string) {
    return `${this.#prefix}poll:lease:{${connectionId}}`;
  }

  async claim(replicaId: string, connectionIds: readonly string[], leaseMs: number) {
    checkClaim(replicaId, connectionIds);
    const ttl = checkTtlMs('RedisPollLeases.claim: leaseMs', leaseMs);
    const ids = [...new Set(connectionIds)];
    const seen = this.#replicas.get(replicaId)?.free ?? new Set<string>();
    const free = new Set<string>();
    const granted = new Set<string>();
    // An empty claim still renews membership: the replica is alive, and counts in the hashing.
    for (let start = 0; start === 0 || start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const keys = [this.#members];
      const args: Array<string | number> = [replicaId, ttl];
      for (const id of batch) {
        keys.push(this.#lease(id), `${this.#prefix}poll:want:{${id}}`);
        args.push(id, seen.has(id) ? '1' : '0');
      }
      const [grantedAt, freeAt] = (await this.#connection.evalScript(
        'pollLeases.claim',
        CLAIM,
        keys,
        args,
      )) as [number[], number[]];
      for (const position of grantedAt ?? []) granted.add(batch[Number(position) - 1] as string);
      for (const position of freeAt ?? []) free.add(batch[Number(position) - 1] as string);
    }
    this.#replicas.set(replicaId, { free, granted });
    return [...granted];
  }

  async leave(replicaId: string): Promise<void> {
    const held = [...(this.#replicas.get(replicaId)?.granted ?? [])];
    this.#replicas.delete(replicaId);
    for (let start = 0; start === 0 || start < held.length; start += BATCH) {
      const batch = held.slice(start, start + BATCH);
      await this.#connection.evalScript(
        'pollLeases.leave',
        LEAVE,
        [this.#members, ...batch.map((id) => this.#lease(id))],
        [replicaId],
      );
    }
  }
}

function checkClaim(replicaId: unknown, connectionIds: unknown) {
  if (typeof replicaId !== 'string' || replicaId === '') {
    throw new TypeError(
      `RedisPollLeases.claim: replicaId must be a non-empty string naming the replica, got ${JSON.stringify(replicaId)}.`,
    );
  }
  if (
    !Array.isArray(connectionIds) ||
    !connectionIds.every((id) => typeof id === 'string' && id !== '')
  ) {
    throw new TypeError(
      'RedisPollLeases.claim: connectionIds must be an array of non-empty strings (the tracked connection ids).',
    );
  }
}
