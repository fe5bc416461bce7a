import type { TokenSet } from '../oauth/TokenManager.js';

/** A connection's tokens as stored, with the version that compare-and-set compares. */
export interface StoredTokens {
  /** The tokens. */
  tokens: TokenSet;
  /** 1 on the first write, one more on each write after. */
  version: number;
}

/** What `compareAndSet` did: wrote (the new version), or found another version (what is stored). */
export type TokenWrite =
  | {
      /** Written. */
      ok: true;
      /** The version now stored. */
      version: number;
    }
  | {
      /** Not written: another write came first. */
      ok: false;
      /** What is stored now, to retry over or to use. */
      current: StoredTokens | undefined;
    };

/**
 * Where the tokens of every connection live, shared by every replica of a back end. Refresh tokens
 * rotate, so a write must never replace a newer pair with an older one: `compareAndSet` writes only
 * over the version it read. Implementations: `MemoryTokenStore` (one process), `RedisTokenStore`
 * (`@makini-kit/redis`, sealed with a `TokenCipher`).
 */
export interface TokenStore {
  /** The connection's tokens and their version; `undefined` when none are stored. */
  get(connectionKey: string): Promise<StoredTokens | undefined>;
  /**
   * Writes when the stored version is `expectedVersion` (0: nothing stored) and `fence`, when
   * given, is not below the highest fence a write has carried for this connection (a lock holder
   * whose lease lapsed cannot overwrite the next holder's tokens).
   */
  compareAndSet(
    connectionKey: string,
    expectedVersion: number,
    tokens: TokenSet,
    options?: { fence?: number | undefined },
  ): Promise<TokenWrite>;
  /** Writes whatever is stored (a finished Link flow); resolves to the new version. */
  set(connectionKey: string, tokens: TokenSet): Promise<number>;
  /** Forgets the connection's tokens (it was disconnected). */
  delete(connectionKey: string): Promise<void>;
}
