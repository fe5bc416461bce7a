import { randomUUID } from 'node:crypto';
import type { ConnectionHealth, HealthBus, HealthBusListener } from '@makini-kit/core';
import { checkRedisOptions, checkTtlMs } from './checkRedisOptions.js';
import type { RedisConnection } from './RedisConnection.js';
import { redisScript } from './RedisScript.js';
import { readHealthMessage } from './readHealthMessage.js';
import { readPublishedHealth } from './readPublishedHealth.js';
import { warnOncePerMinute } from './warnOncePerMinute.js';

/** Options of {@link RedisHealthBus}. */
export interface RedisHealthBusOptions {
  /** From `toRedisConnection(client)`; subscribing opens one more connection of the client. */
  connection: RedisConnection;
  /** Put before every key and the channel. @default 'makini:' */
  prefix?: string | undefined;
  /**
   * How long a connection's last published health is kept without a new change, in ms: polls
   * publish at every interval while anyone watches, so only health nobody watched expires.
   * @default 86_400_000 (a day)
   */
  ttlMs?: number | undefined;
  /**
   * Told about a message on the channel, or a stored health, that is not one a monitor published
   * (it is ignored).
   * @default console.warn, one line a minute
   */
  onError?: ((error: Error) => void) | undefined;
}

/** Stores one connection's health (or forgets it) and publishes it, as one step. */
const PUBLISH = redisScript(`
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[5])
  redis.call('SADD', KEYS[2], ARGV[1])
end
return redis.call('PUBLISH', ARGV[4], ARGV[3])
`);

/** Keys read per MGET while loading. */
const LOAD_BATCH = 500;

/**
 * A {@link HealthBus} on Redis: each change is stored at `<prefix>health:{<connection>}` (JSON,
 * expiring after `ttlMs`), indexed in the set `<prefix>health:index`, and published on the channel
 * `<prefix>health`, all in one script. Alert claims are `SET NX PX` keys,
 * `<prefix>health:alert:{<connection>}:<kind>:<episode>`. Each bus is one replica: it does not hand
 * its own publications back to its subscribers. What arrives on the channel or is read back is
 * checked field by field; anything else is ignored and reported to `onError`. Redis failures are
 * `StateStoreError`s.
 *
 * @example
 * import Redis from 'ioredis';
 * const connection = toRedisConnection(new Redis(process.env.REDIS_URL!));
 * const monitor = new ConnectionHealthMonitor({
 *   bus: new RedisHealthBus({ connection }),
 *   leases: new RedisPollLeases({ connection }),
 * });
 */
export class RedisHealthBus implements HealthBus {
  readonly #connection: RedisConnection;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #onError: (error: Error) => void;
  /** Names this replica's messages, so that it skips them when they come back. */
  readonly #origin = randomUUID();
  readonly #listeners = new Set<HealthBusListener>();
  #subscription: Promise<() => Promise<void>> | undefined;

  /**
   * Each replica makes its own, on the same Redis (and `prefix`).
   *
   * @param options The connection from `toRedisConnection`, and the rest of {@link RedisHealthBusOptions}.
   * @throws {TypeError} When an option is missing or of the wrong type.
   */
  constructor(options: RedisHealthBusOptions) {
    checkRedisOptions('RedisHealthBus', options);
    this.#connection = options.connection;
    this.#prefix = options.prefix ?? 'makini:';
    this.#ttlMs = checkTtlMs('RedisHealthBus: ttlMs', options.ttlMs ?? 86_400_000);
    this.#onError = options.onError ?? warnOncePerMinute('[makini health bus]');
  }

  get #channel() {
    return `${this.#prefix}health`;
  }

  get #index() {
    return `${this.#prefix}health:index`;
  }

  #key(connectionId: string) {
    return `${this.#prefix}health:{${connectionId}}`;
  }

  async publish(connectionId: string, health: ConnectionHealth | null): Promise<void> {
    checkConnectionId('publish', connectionId);
    const message = JSON.stringify({ v: 1, o: this.#origin, id: connectionId, h: health });
    await this.#connection.evalScript(
      'health.publish',
      PUBLISH,
      [this.#key(connectionId), this.#index],
      [
        connectionId,
        health === null ? '' : JSON.stringify(health),
        message,
        this.#channel,
        this.#ttlMs,
      ],
    );
  }

  async subscribe(listener: HealthBusListener): Promise<() => Promise<void>> {
    // Each subscription is its own, even when one function subscribes twice.
    const own: HealthBusListener = (connectionId, health) => listener(connectionId, health);
    this.#subscription ??= this.#connection.subscribe(this.#channel, (raw) => this.#receive(raw));
    let stop: () => Promise<void>;
    try {
      stop = await this.#subscription;
    } catch (error) {
      this.#subscription = undefined;
      throw error;
    }
    this.#listeners.add(own);
    return async () => {
      if (!this.#listeners.delete(own) || this.#listeners.size > 0) return;
      this.#subscription = undefined;
      await stop();
    };
  }

  #receive(raw: string) {
    const read = readHealthMessage(raw);
    if ('problem' in read) {
      this.#onError(
        new TypeError(
          `RedisHealthBus: ignored a message on ${this.#channel} (${raw.length} characters) that is not a health update: ${read.problem}. Is something else publishing on this channel? Give each application its own prefix.`,
        ),
      );
      return;
    }
    if (read.origin === this.#origin) return;
    for (const listener of [...this.#listeners]) {
      try {
        listener(read.connectionId, read.health);
      } catch (error) {
        this.#onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  async load(): Promise<Record<string, ConnectionHealth>> {
    const ids = (await this.#connection.command('health.load', ['SMEMBERS', this.#index])) as
      | string[]
      | null;
    const loaded: Record<string, ConnectionHealth> = {};
    const gone: string[] = [];
    const list = ids ?? [];
    for (let start = 0; start < list.length; start += LOAD_BATCH) {
      const batch = list.slice(start, start + LOAD_BATCH);
      const values = (await this.#connection.command('health.load', [
        'MGET',
        ...batch.map((id) => this.#key(id)),
      ])) as Array<string | null>;
      batch.forEach((id, index) => {
        const value = values[index];
        if (value === null || value === undefined) {
          gone.push(id);
          return;
        }
        const read = readStored(value, id);
        if ('problem' in read) {
          this.#onError(
            new TypeError(
              `RedisHealthBus: ignored the stored health of ${id} at ${this.#key(id)}: ${read.problem}.`,
            ),
          );
        } else loaded[id] = read.health;
      });
    }
    // Health nobody published for `ttlMs` has expired: its index entry goes too.
    if (gone.length > 0) {
      await this.#connection.command('health.load', ['SREM', this.#index, ...gone]);
    }
    return loaded;
  }

  async claimAlert(
    connectionId: string,
    kind: string,
    episode: string,
    ttlMs: number,
  ): Promise<boolean> {
    checkConnectionId('claimAlert', connectionId);
    const ttl = checkTtlMs('RedisHealthBus.claimAlert: ttlMs', ttlMs);
    const key = `${this.#prefix}health:alert:{${connectionId}}:${kind}:${episode}`;
    const answer = await this.#connection.command('health.claimAlert', [
      'SET',
      key,
      this.#origin,
      'NX',
      'PX',
      ttl,
    ]);
    return answer === 'OK';
  }
}

function readStored(value: string, connectionId: string) {
  try {
    return readPublishedHealth(JSON.parse(value), connectionId);
  } catch {
    return { problem: 'it is not JSON' };
  }
}

function checkConnectionId(operation: string, connectionId: unknown) {
  if (typeof connectionId !== 'string' || connectionId === '') {
    throw new TypeError(
      `RedisHealthBus.${operation}: connectionId must be a non-empty string, got ${JSON.stringify(connectionId)}.`,
    );
  }
}
