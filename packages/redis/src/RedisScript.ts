import { createHash } from 'node:crypto';

/** A Lua script with its SHA-1, so it is sent once and then called by hash (`EVALSHA`). */
export interface RedisScript {
  /** The Lua source. */
  readonly source: string;
  /** Its SHA-1 in hex, as `EVALSHA` takes it. */
  readonly sha: string;
}

/**
 * Wraps Lua source for `RedisConnection.evalScript`.
 *
 * @example
 * const INCR_TO = redisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
 * await connection.evalScript('counter.add', INCR_TO, ['makini:counter'], [5]);
 */
export function redisScript(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}
