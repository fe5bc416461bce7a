/**
 * The few Redis commands `RedisDedupeStore` uses, as `ioredis` exposes them (or any object with the
 * same three methods); no Redis client is bundled.
 */
export interface RedisLike {
  /** `SET key value PX ms NX`. */
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** `EVAL script numkeys …`. */
  eval(script: string, keys: number, ...args: Array<string | number>): Promise<unknown>;
}

/** A node-redis (v4 and later) client, as far as `RedisDedupeStore` uses it: raw commands. */
export interface NodeRedisLike {
  /** Sends any command, its name first. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** The store's three steps, whichever client runs them. */
export interface DedupeCommands {
  /** `SET key value PX ms NX`: true when this call set it. */
  setIfAbsent(key: string, value: string, milliseconds: number): Promise<boolean>;
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** Runs a Lua script on one key. */
  eval(script: string, key: string, args: Array<string | number>): Promise<unknown>;
}

const CLIENTS =
  'an ioredis client (new Redis(url)) or a connected node-redis client (await createClient({ url }).connect())';
const NOT_A_CONNECTION =
  'not toRedisConnection(redis): that is what the @makini-kit/redis stores take, RedisDedupeStore sends its own commands';

const isFunction = (value: unknown, name: string) =>
  typeof (value as Record<string, unknown>)[name] === 'function';

function describe(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object without set, get and eval';
  // Never the value itself: a string here is likely a URL, with its password.
  return `a ${typeof value}`;
}

/**
 * Reads `RedisDedupeStore`'s `client`: ioredis, node-redis or an object shaped like ioredis. A
 * node-redis client is driven through `sendCommand`, whose arguments mean the same in every
 * version: its `set(key, value, 'PX', ms, 'NX')` takes no such positional options and would write
 * without `NX` or an expiry, so every delivery would run and no id would ever expire.
 *
 * @throws {TypeError} for a missing client, `{ connection }` or what `toRedisConnection` returns
 * (the option and value of the @makini-kit/redis stores), saying what to pass instead
 */
export function dedupeCommands(options: unknown): DedupeCommands {
  const given = (options ?? {}) as { client?: unknown; connection?: unknown };
  const client = typeof given === 'object' ? given.client : undefined;
  if (client === undefined && typeof given === 'object' && given.connection !== undefined) {
    throw new TypeError(
      `RedisDedupeStore takes the Redis client itself as \`client\`, not \`connection\`: new RedisDedupeStore({ client: redis }) with ${CLIENTS}, ${NOT_A_CONNECTION}.`,
    );
  }
  if (client && isFunction(client, 'evalScript') && isFunction(client, 'command')) {
    throw new TypeError(
      `RedisDedupeStore takes the Redis client itself: new RedisDedupeStore({ client: redis }) with ${CLIENTS}, ${NOT_A_CONNECTION}.`,
    );
  }
  if (client && isFunction(client, 'sendCommand') && !isFunction(client, 'call')) {
    const send = (args: Array<string | number>) =>
      (client as NodeRedisLike).sendCommand(args.map(String));
    return {
      setIfAbsent: async (key, value, ms) =>
        (await send(['SET', key, value, 'PX', ms, 'NX'])) === 'OK',
      get: async (key) => ((await send(['GET', key])) as string | null) ?? null,
      eval: (script, key, args) => send(['EVAL', script, 1, key, ...args]),
    };
  }
  if (client && ['set', 'get', 'eval'].every((name) => isFunction(client, name))) {
    const redis = client as RedisLike;
    return {
      setIfAbsent: async (key, value, ms) => (await redis.set(key, value, 'PX', ms, 'NX')) === 'OK',
      get: (key) => redis.get(key),
      eval: (script, key, args) => redis.eval(script, 1, key, ...args),
    };
  }
  throw new TypeError(
    `RedisDedupeStore needs \`client\`: ${CLIENTS}, the Redis every instance shares; got ${describe(client)}.`,
  );
}
