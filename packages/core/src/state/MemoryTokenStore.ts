import type { TokenSet } from '../oauth/TokenManager.js';
import type { StoredTokens, TokenStore, TokenWrite } from './TokenStore.js';

interface Entry {
  tokens: TokenSet;
  version: number;
  /** The highest fence a write has carried. */
  fence: number;
}

const copy = (tokens: TokenSet): TokenSet => ({
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken ?? null,
  expiresAt: tokens.expiresAt,
});

/**
 * A {@link TokenStore} in this process's memory: the single-replica default, and a way for several
 * `TokenManager`s in one process (or one test) to share tokens. Nothing survives a restart and
 * nothing is shared with other processes: use `RedisTokenStore` from `@makini-kit/redis` for that.
 *
 * @example
 * const store = new MemoryTokenStore();
 * await store.set(connectionKey, tokens);
 * const manager = new TokenManager({ store, lock: new MemoryLock(), connectionKey, refresh });
 */
export class MemoryTokenStore implements TokenStore {
  readonly #entries = new Map<string, Entry>();

  async get(connectionKey: string): Promise<StoredTokens | undefined> {
    const entry = this.#entries.get(connectionKey);
    return entry && { tokens: copy(entry.tokens), version: entry.version };
  }

  async compareAndSet(
    connectionKey: string,
    expectedVersion: number,
    tokens: TokenSet,
    options: { fence?: number | undefined } = {},
  ): Promise<TokenWrite> {
    const entry = this.#entries.get(connectionKey);
    const version = entry?.version ?? 0;
    const highest = entry?.fence ?? 0;
    const { fence } = options;
    if (version !== expectedVersion || (fence !== undefined && fence < highest)) {
      return { ok: false, current: entry && { tokens: copy(entry.tokens), version } };
    }
    this.#entries.set(connectionKey, {
      tokens: copy(tokens),
      version: version + 1,
      fence: Math.max(highest, fence ?? 0),
    });
    return { ok: true, version: version + 1 };
  }

  async set(connectionKey: string, tokens: TokenSet): Promise<number> {
    const entry = this.#entries.get(connectionKey);
    const version = (entry?.version ?? 0) + 1;
    this.#entries.set(connectionKey, { tokens: copy(tokens), version, fence: entry?.fence ?? 0 });
    return version;
  }

  async delete(connectionKey: string): Promise<void> {
    this.#entries.delete(connectionKey);
  }

  /** Describes the store without its tokens. */
  toJSON() {
    return {
      /** How many connections have tokens here. */
      connections: this.#entries.size,
    };
  }

  /** Node's `util.inspect` prints the description, never a token. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `MemoryTokenStore ${JSON.stringify(this.toJSON())}`;
  }
}
