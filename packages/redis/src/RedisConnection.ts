import { StateStoreError } from '@makini-kit/core';
import type { RedisScript } from './RedisScript.js';
import { RedisSubscriber } from './RedisSubscriber.js';

/** One Redis argument. */
export type RedisArgument = string | number;

/** The subset of an ioredis client the kit uses. */
export interface IoredisLike {
  /** Sends any command. */
  call(command: string, ...args: RedisArgument[]): Promise<unknown>;
  /** A new connection with the same options, for pub/sub. */
  duplicate(): IoredisLike;
  /** Subscribes this connection to channels. */
  subscribe(...channels: string[]): Promise<unknown>;
  /** Unsubscribes this connection from channels. */
  unsubscribe(...channels: string[]): Promise<unknown>;
  /** Listens for a subscribed channel's messages. */
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  /** Listens for errors, and for the connection being ready. */
  on(event: 'error' | 'ready', listener: (error?: unknown) => void): unknown;
  /** Listens once for the connection being ready. */
  once?(event: 'ready', listener: () => void): unknown;
  /**
   * Stops listening for the connection being ready. Without both `once` and this, a SUBSCRIBE sent
   * while the subscriber connection is still in its ready check is not held back until ready.
   */
  removeListener?(event: 'ready', listener: () => void): unknown;
  /** `'ready'` once connected; `'wait'` for a client made with `lazyConnect` that never was. */
  status?: string;
  /** Connects a client made with `lazyConnect` (its duplicates inherit the option). */
  connect?(): Promise<unknown>;
  /** Closes the connection at once. */
  disconnect(): void;
}

/** The subset of a node-redis (v4 and later) client the kit uses. */
export interface NodeRedisLike {
  /** Sends any command, its name first. */
  sendCommand(args: string[]): Promise<unknown>;
  /** A new client with the same options, for pub/sub (not connected yet). */
  duplicate(): NodeRedisLike;
  /** Connects the client. */
  connect(): Promise<unknown>;
  /** Subscribes to a channel, calling `listener` with each message. */
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  /** Unsubscribes from a channel. */
  unsubscribe(channel: string, listener?: (message: string) => void): Promise<unknown>;
  /** Whether the client is connected; the kit refuses a client that never was. */
  isOpen: boolean;
  /** Listens for errors. */
  on(event: 'error', listener: (error: unknown) => void): unknown;
  /** Closes after pending replies (node-redis 4). */
  quit?(): Promise<unknown>;
  /** Closes after pending replies (node-redis 5 and later). */
  close?(): Promise<unknown>;
  /** Closes at once (node-redis 5 and later). */
  destroy?(): void;
  /** Closes at once (node-redis 4; deprecated later). */
  disconnect?(): Promise<unknown>;
}

/** An ioredis or node-redis client, as the application created and connected it. */
export type RedisClientLike = IoredisLike | NodeRedisLike;

/** Options of `toRedisConnection`. */
export interface RedisConnectionOptions {
  /**
   * Longest wait for one Redis reply, in ms; past it the step fails with `StateStoreError` instead
   * of hanging while Redis is away. @default 2000
   */
  commandTimeoutMs?: number;
  /**
   * Errors of the subscriber connection this opens for pub/sub (Redis went away, and the client
   * reconnects by itself). Without a listener an ioredis or node-redis client reports them as
   * unhandled, which floods the log (ioredis) or ends the process (node-redis). @default ignored
   */
  onSubscriberError?: (error: unknown) => void;
}

/**
 * What the Redis stores need from a client, whichever library made it: commands with a deadline,
 * Lua scripts by hash, and pub/sub on a connection of its own. Failures are `StateStoreError`s.
 */
export interface RedisConnection {
  /** Sends one command; `operation` names the step in a failure (`tokens.get`). */
  command(operation: string, args: RedisArgument[]): Promise<unknown>;
  /** Runs a script by hash, sending its source once when Redis does not know it (`NOSCRIPT`). */
  evalScript(
    operation: string,
    script: RedisScript,
    keys: readonly string[],
    args: readonly RedisArgument[],
  ): Promise<unknown>;
  /** Receives a channel's messages on a duplicated connection; resolves to the function that stops. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  /** Closes the subscriber connection this made (never the client it was given). */
  close(): Promise<void>;
}

const isIoredis = (client: RedisClientLike): client is IoredisLike =>
  typeof (client as IoredisLike).call === 'function';

const isNodeRedis = (client: RedisClientLike): client is NodeRedisLike =>
  typeof (client as NodeRedisLike).sendCommand === 'function';

/** Replies as ioredis gives them: node-redis answers some commands (HGETALL) with an object. */
function normalize(reply: unknown): unknown {
  if (Array.isArray(reply)) return reply.map(normalize);
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  if (reply instanceof Map) return [...reply].flat().map(normalize);
  if (reply !== null && typeof reply === 'object' && !(reply instanceof Error)) {
    return Object.entries(reply).flat().map(normalize);
  }
  return reply;
}

/**
 * Adapts an ioredis or node-redis client for the kit's Redis stores.
 *
 * @throws {TypeError} when `client` is neither.
 * @example
 * import Redis from 'ioredis';
 * const connection = toRedisConnection(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
 */
export function toRedisConnection(
  client: RedisClientLike,
  options: RedisConnectionOptions = {},
): RedisConnection {
  const timeoutMs = options.commandTimeoutMs ?? 2000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 2 ** 31 - 1)) {
    throw new RangeError(
      `toRedisConnection: commandTimeoutMs must be from 1 to 2^31-1 ms, got ${String(timeoutMs)}.`,
    );
  }
  if (!client || !(isIoredis(client) || isNodeRedis(client))) {
    throw new TypeError(
      'toRedisConnection: pass an ioredis client (new Redis(url)) or a connected node-redis client (await createClient({ url }).connect()).',
    );
  }
  // node-redis refuses every command of a client that was never connected ("The client is
  // closed"), which would read as Redis being down; ioredis connects by itself.
  if (!isIoredis(client) && client.isOpen === false) {
    throw new TypeError(
      'toRedisConnection: this node-redis client is not connected. Connect it first: const client = createClient({ url }); client.on("error", report); await client.connect().',
    );
  }
  const send = (args: RedisArgument[]): Promise<unknown> =>
    isIoredis(client)
      ? client.call(String(args[0]), ...args.slice(1))
      : client.sendCommand(args.map(String));

  const withDeadline = async <T>(
    operation: string,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Aborted once the step is over, answered or not: a wait inside it ends with it.
    const over = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      const fail = () =>
        reject(
          new StateStoreError(
            `${operation}: Redis did not answer within ${timeoutMs} ms. Check that Redis is up and reachable (REDIS_URL); the kit retries on the next call.`,
            { operation },
          ),
        );
      // Timers run before the I/O of the same turn: after the event loop was blocked, a reply that
      // arrived in time would lose to the timer. setImmediate lets that I/O be read first.
      timer = setTimeout(() => setImmediate(fail), timeoutMs);
    });
    try {
      return await Promise.race([run(over.signal), deadline]);
    } catch (error) {
      if (StateStoreError.is(error)) throw error;
      throw new StateStoreError(
        `${operation}: Redis failed (${(error as Error)?.message ?? String(error)}). Check that Redis is up and reachable (REDIS_URL); the kit retries on the next call.`,
        { operation, cause: error },
      );
    } finally {
      clearTimeout(timer);
      over.abort();
    }
  };

  const subscriber = new RedisSubscriber(client, withDeadline, options.onSubscriberError);

  return {
    command: async (operation, args) => normalize(await withDeadline(operation, () => send(args))),
    evalScript: async (operation, script, keys, args) =>
      normalize(
        await withDeadline(operation, async () => {
          const tail = [keys.length, ...keys, ...args];
          try {
            return await send(['EVALSHA', script.sha, ...tail]);
          } catch (error) {
            if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
            return send(['EVAL', script.source, ...tail]);
          }
        }),
      ),
    subscribe: (channel, onMessage) => subscriber.subscribe(channel, onMessage),
    close: () => subscriber.close(),
  };
}
