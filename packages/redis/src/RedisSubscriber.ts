import { StateStoreError } from '@makini-kit/core';
import type { IoredisLike, NodeRedisLike, RedisClientLike } from './RedisConnection.js';

/**
 * Runs one step against Redis with the connection's deadline (see `toRedisConnection`); `signal`
 * aborts once the step is over, answered or past its deadline.
 */
export type WithDeadline = <T>(
  operation: string,
  run: (signal: AbortSignal) => Promise<T>,
) => Promise<T>;

type Duplicate = IoredisLike | NodeRedisLike;

const isIoredis = (client: RedisClientLike): client is IoredisLike =>
  typeof (client as IoredisLike).call === 'function';

/**
 * An ioredis duplicate is ready to SUBSCRIBE. A client made with `lazyConnect: true` hands that
 * option to its duplicates, which then never connect by themselves: this one is connected here.
 * A client made with `enableOfflineQueue: false` refuses SUBSCRIBE until it is ready.
 */
function ioredisReady(duplicate: IoredisLike): Promise<unknown> {
  if (duplicate.status === undefined || duplicate.status === 'ready') return Promise.resolve();
  if (duplicate.status === 'wait' && duplicate.connect) return duplicate.connect();
  if (!duplicate.once) return Promise.resolve();
  return new Promise((resolve) => duplicate.once?.('ready', () => resolve(undefined)));
}

/**
 * Waits while an ioredis duplicate is connected but not ready yet. ioredis writes SUBSCRIBE on such a
 * connection already (Redis accepts it while loading), but a channel Redis confirms then is lost: the
 * confirmation puts the connection in subscriber mode, its ready check (INFO) then fails, and
 * ioredis reconnects subscribing again only the channels of the last connection that was ready.
 * In any other state ioredis queues the command until ready, or refuses it.
 */
async function afterReadyCheck(duplicate: IoredisLike, signal: AbortSignal): Promise<void> {
  const { once, removeListener } = duplicate;
  if (!once || !removeListener) return;
  while (duplicate.status === 'connect') {
    signal.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const ready = () => {
        signal.removeEventListener('abort', over);
        resolve();
      };
      const over = () => {
        removeListener.call(duplicate, 'ready', ready);
        reject(signal.reason);
      };
      once.call(duplicate, 'ready', ready);
      signal.addEventListener('abort', over, { once: true });
    });
  }
  signal.throwIfAborted();
}

/** Drops a duplicate at once, whatever state it is in: nothing on it is worth waiting for. */
async function disconnect(duplicate: Duplicate): Promise<void> {
  try {
    if (isIoredis(duplicate)) duplicate.disconnect();
    else if (duplicate.destroy) duplicate.destroy();
    else await (duplicate.disconnect?.() ?? duplicate.quit?.());
  } catch {
    // Already closed.
  }
}

/**
 * The pub/sub side of a `RedisConnection`: one duplicate of the application's client, opened by
 * the first subscribe. The duplicate is kept from the moment it is made, so `close()` disconnects
 * it even while it still waits for a Redis that is away, and an open that fails disconnects it
 * before the next subscribe makes another.
 */
export class RedisSubscriber {
  readonly #client: RedisClientLike;
  readonly #withDeadline: WithDeadline;
  readonly #onError: ((error: unknown) => void) | undefined;
  #duplicate: Duplicate | undefined;
  #open: Promise<Duplicate> | undefined;
  /** Fails the open in flight, so that nobody waits on a duplicate that was closed. */
  #abandon: ((error: Error) => void) | undefined;
  /** ioredis hands every message to one handler: the listeners per channel it was subscribed to. */
  readonly #ioListeners = new Map<string, Set<(message: string) => void>>();
  /** Per channel, the ioredis SUBSCRIBEs still waiting for an answer. */
  readonly #ioSubscribing = new Map<string, number>();
  /** ioredis channels whose UNSUBSCRIBE is sent at the next 'ready'. */
  readonly #toUnsubscribe = new Set<string>();

  constructor(
    client: RedisClientLike,
    withDeadline: WithDeadline,
    onError: ((error: unknown) => void) | undefined,
  ) {
    this.#client = client;
    this.#withDeadline = withDeadline;
    this.#onError = onError;
  }

  #opened(): Promise<Duplicate> {
    if (this.#open) return this.#open;
    const duplicate = this.#client.duplicate();
    this.#duplicate = duplicate;
    duplicate.on('error', (error: unknown) => this.#onError?.(error));
    let abandon: (error: Error) => void = () => undefined;
    const abandoned = new Promise<never>((_, reject) => {
      abandon = reject;
    });
    this.#abandon = abandon;
    const open = (async () => {
      if (isIoredis(duplicate)) {
        duplicate.on('message', (channel, message) => {
          for (const listener of this.#ioListeners.get(channel) ?? []) listener(message);
        });
        await Promise.race([ioredisReady(duplicate), abandoned]);
      } else {
        await Promise.race([duplicate.connect(), abandoned]);
      }
      return duplicate;
    })();
    this.#open = open;
    open.then(
      () => {
        if (this.#abandon === abandon) this.#abandon = undefined;
      },
      () => {
        // One that could not open is dropped: the next subscribe opens a new one.
        if (this.#open === open) {
          this.#open = undefined;
          this.#duplicate = undefined;
          this.#abandon = undefined;
        }
        void disconnect(duplicate);
      },
    );
    return open;
  }

  async subscribe(
    channel: string,
    onMessage: (message: string) => void,
  ): Promise<() => Promise<void>> {
    const operation = `subscribe ${channel}`;
    const duplicate = await this.#withDeadline(operation, () => this.#opened());
    if (!isIoredis(duplicate)) {
      let stopped = false;
      // node-redis keeps a listener until Redis confirms its UNSUBSCRIBE: none after the stop.
      const listener = (message: string) => {
        if (!stopped) onMessage(message);
      };
      await this.#withDeadline(operation, () => duplicate.subscribe(channel, listener));
      return async () => {
        stopped = true;
        // Bounded: a shutdown that stops following the bus must not wait for a Redis that is away.
        await this.#withDeadline(`unsubscribe ${channel}`, () =>
          duplicate.unsubscribe(channel, listener),
        ).catch(() => undefined);
      };
    }
    // A channel's listeners are registered once Redis has confirmed SUBSCRIBE: after a failed one,
    // the next subscribe sends it again instead of taking an empty registration for a live one.
    if (!this.#ioListeners.has(channel)) {
      this.#ioSubscribing.set(channel, (this.#ioSubscribing.get(channel) ?? 0) + 1);
      try {
        await this.#withDeadline(operation, async (signal) => {
          await afterReadyCheck(duplicate, signal);
          return duplicate.subscribe(channel);
        });
      } finally {
        const left = (this.#ioSubscribing.get(channel) ?? 1) - 1;
        if (left > 0) this.#ioSubscribing.set(channel, left);
        else this.#ioSubscribing.delete(channel);
      }
    }
    let listeners = this.#ioListeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#ioListeners.set(channel, listeners);
    }
    const own = listeners;
    own.add(onMessage);
    return async () => {
      if (!own.delete(onMessage) || own.size > 0) return;
      if (this.#ioListeners.get(channel) === own) this.#ioListeners.delete(channel);
      await this.#withDeadline(`unsubscribe ${channel}`, async (signal) => {
        // Sent before ready, it would be undone: ioredis subscribes that connection again once ready.
        await afterReadyCheck(duplicate, signal);
        return duplicate.unsubscribe(channel);
      }).catch(() => this.#unsubscribeWhenReady(duplicate, channel));
    };
  }

  /**
   * An UNSUBSCRIBE not sent, refused or unanswered in time: ioredis would subscribe the channel
   * again when it is next ready (its own resubscribe runs before the 'ready' event), so it is sent
   * then, unless meanwhile someone subscribed to the channel again or the connection was closed.
   * One 'ready' listener for all such channels.
   */
  #unsubscribeWhenReady(duplicate: IoredisLike, channel: string) {
    if (!duplicate.once) return;
    if (this.#toUnsubscribe.size === 0) {
      duplicate.once('ready', () => {
        if (this.#duplicate !== duplicate) return;
        const channels = [...this.#toUnsubscribe];
        this.#toUnsubscribe.clear();
        for (const name of channels) {
          if (this.#ioListeners.has(name) || this.#ioSubscribing.has(name)) continue;
          duplicate.unsubscribe(name).catch((error: unknown) => this.#onError?.(error));
        }
      });
    }
    this.#toUnsubscribe.add(channel);
  }

  /** Disconnects the duplicate now, opened or still waiting for Redis. */
  async close(): Promise<void> {
    const duplicate = this.#duplicate;
    this.#abandon?.(
      new StateStoreError(
        'subscribe: the Redis connection was closed before its subscriber connection was ready.',
        { operation: 'subscribe' },
      ),
    );
    this.#duplicate = undefined;
    this.#open = undefined;
    this.#abandon = undefined;
    this.#ioListeners.clear();
    this.#ioSubscribing.clear();
    this.#toUnsubscribe.clear();
    if (duplicate) await disconnect(duplicate);
  }
}
