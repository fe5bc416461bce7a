import type { TokenCipherKey, TokenSet } from '@makini-kit/core';

/** What the parent tells a replica process to do. */
export interface ReplicaConfig {
  sandboxUrl: string;
  clientId: string;
  clientSecret: string;
  redisUrl: string;
  prefix: string;
  /** Which Redis client library the replica uses. */
  client: 'ioredis' | 'node-redis';
  keys: TokenCipherKey[];
  /** `shared`: TokenManagers over RedisTokenStore + RedisLock; `local`: per-process TokenManagers. */
  mode: 'shared' | 'local';
  /** The connections, with their starting tokens (`shared`: written when the store has none). */
  connections: Array<{ connectionKey: string; tokens?: TokenSet }>;
  /** Concurrent `getToken()` callers per connection. */
  callers: number;
  lockTtlMs?: number;
  /** `toRedisConnection`'s deadline per command. @default 2000 */
  commandTimeoutMs?: number;
  /** After the token endpoint answers, tell the parent and hang (the parent kills the process). */
  hangAfterAnswer?: boolean;
}

/** How one caller ended: the SHA-256 of its token (never the token), or the error's kind and code. */
export type CallerOutcome =
  | { token: string }
  | { error: string; code: string | undefined; operation?: string | undefined };

export type ReplicaMessage =
  | { kind: 'ready' }
  | { kind: 'answered' }
  | { kind: 'done'; outcomes: Record<string, CallerOutcome[]> };

export type ParentMessage = { kind: 'config'; config: ReplicaConfig } | { kind: 'go' };
