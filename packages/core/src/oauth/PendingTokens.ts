import { sleep } from '../client/timers.js';
import { StateStoreError } from '../errors/StateStoreError.js';
import type { TokenWrite } from '../state/TokenStore.js';
import type { LeaseHeartbeat } from './LeaseHeartbeat.js';
import type { TokenSet } from './TokenManager.js';

/** The longest pause between two tries of a pending write. */
const MAX_RETRY_MS = 1000;

/** What {@link PendingTokens} needs to write its pair and to say when it is done. */
export interface PendingTokensOptions {
  /** The version the refresh started from: the pair is written over it or not at all. */
  base: number;
  tokens: TokenSet;
  /** The refresh lease, kept alive until the write lands, then released. */
  heartbeat: LeaseHeartbeat;
  write: (base: number, tokens: TokenSet, fence: number) => Promise<TokenWrite>;
  /** The store answered: the pair was written, or another write came first (`undefined`: the answer was no token set). */
  settled: (written: TokenWrite | undefined) => void;
}

/**
 * A refreshed pair the store has not taken yet. The refresh token it replaced is spent, so the
 * replica keeps the refresh lease (extending it) and tries the write in the background until the
 * store answers: the other replicas, finding the lock held, wait for the write instead of sending
 * the spent refresh token. A lease lost meanwhile (the store away for longer than its ttl) does not
 * stop the tries: the write carries the lease's fence and the version it started from, so it lands
 * only when no later holder has written.
 */
export class PendingTokens {
  readonly tokens: TokenSet;
  readonly #o: PendingTokensOptions;
  #trying: Promise<void> | undefined;
  #done = false;

  constructor(options: PendingTokensOptions) {
    this.#o = options;
    this.tokens = options.tokens;
    void this.#retry();
  }

  /** True once the store has answered (written, or refused for a later write). */
  get done(): boolean {
    return this.#done;
  }

  /** One try, shared with any try under way; rejects with `StateStoreError` while the store is away. */
  flush(): Promise<void> {
    if (this.#done) return Promise.resolve();
    this.#trying ??= this.#try().finally(() => {
      this.#trying = undefined;
    });
    return this.#trying;
  }

  async #try(): Promise<void> {
    const { base, tokens, heartbeat, write } = this.#o;
    let written: TokenWrite | undefined;
    try {
      written = await write(base, tokens, heartbeat.lease.fence);
    } catch (error) {
      if (StateStoreError.is(error)) throw error;
      // The store answered, with something this replica cannot read: not a write to try again.
      written = undefined;
    }
    if (this.#done) return;
    this.#done = true;
    await heartbeat.release();
    this.#o.settled(written);
  }

  async #retry(): Promise<void> {
    for (let delay = 25; !this.#done; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
      await sleep(delay);
      await this.flush().catch(() => undefined);
    }
  }
}
