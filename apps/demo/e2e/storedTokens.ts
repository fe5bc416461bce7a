import type { TokenSet } from '@makini-kit/core';
import type { ConnectionStore } from '../server/ConnectionStore.js';

/** Every stored connection with its tokens, as the back end reads them, in the store's order. */
export async function storedTokens(
  store: ConnectionStore,
): Promise<Array<{ key: string; tokens: TokenSet }>> {
  const connections = await store.list();
  return Promise.all(
    connections.map(async ({ key }) => {
      const stored = await store.tokens.get(key);
      if (!stored) throw new Error(`connection ${key} is listed without tokens`);
      return { key, tokens: stored.tokens };
    }),
  );
}
