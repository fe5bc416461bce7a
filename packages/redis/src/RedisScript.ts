import { createHash } from 'node:crypto';

/** A Lua script with its SHA-1, so it is sent once and then called by hash (`EVALSHA`). */
export interface RedisScript {
  readonly source: string;
  readonly sha: string;
}

/** Wraps Lua source for `RedisConnection.evalScript`. */
export function redisScript(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}
