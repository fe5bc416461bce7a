import type { Lock, TokenSet, TokenStore } from '@makini-kit/core';

/** A customer's connection as the app lists it. Its tokens live in the store's `tokens`. */
export interface ConnectionInfo {
  key: string;
  name: string;
  platform: string;
}

/**
 * Where the back end keeps its customers' connections and their tokens: a sealed JSON file for one
 * process (`SealedTokenFile`), Redis when replicas share them (`RedisConnectionStore`).
 */
export interface ConnectionStore {
  /** Every connection, without tokens. */
  list(): Promise<ConnectionInfo[]>;
  get(key: string): Promise<ConnectionInfo | undefined>;
  /** A finished Link flow: remembers the connection and writes its new tokens over any old ones. */
  save(connection: ConnectionInfo, tokens: TokenSet): Promise<void>;
  /** A disconnected connection: forgets it and its tokens. */
  remove(key: string): Promise<void>;
  /** The tokens, sealed at rest; `TokenManager` compare-and-sets them across refreshes. */
  readonly tokens: TokenStore;
  /** One refresh at a time per connection, across everything that shares `tokens`. */
  readonly lock: Lock;
}
