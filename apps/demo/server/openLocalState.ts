import { TokenCipher, type TokenCipherKey } from '@makini-kit/core';
import { MemoryDedupeStore } from '@makini-kit/webhook-node';
import { Activity } from './Activity.js';
import type { BackendState } from './BackendState.js';
import { SealedTokenFile } from './SealedTokenFile.js';

/** The state of a back end that runs as one process: tokens in a sealed JSON file, the rest in memory. */
export async function openLocalState(options: {
  dataFile: string;
  keys: readonly TokenCipherKey[];
  log: (line: string) => void;
}): Promise<BackendState> {
  const cipher = new TokenCipher({ keys: options.keys });
  return {
    connections: await SealedTokenFile.open(options.dataFile, cipher, options.log),
    activity: new Activity(),
    dedupe: new MemoryDedupeStore(),
    close: async () => undefined,
  };
}
