import type { TokenCipherKey } from '@makini-kit/core';
import type { DemoConfig } from './config.js';

/**
 * What the demo sends a replica process over its IPC channel once it runs: everything it needs to
 * start. Secrets travel here rather than on the command line, where `ps` would show them.
 */
export interface ReplicaStart {
  type: 'start';
  /** `replica-1`, answered in `x-demo-replica`. */
  name: string;
  config: DemoConfig;
  redisUrl: string;
  redisPrefix: string;
  tokenKeys: TokenCipherKey[];
  /** Sign reconnect links; every replica has the same, so any of them verifies a link. */
  reconnectLinkSecrets: string[];
}

/** What a replica answers: listening at `url`, or failed to start (the reason, no secrets). */
export type ReplicaReport = { type: 'ready'; url: string } | { type: 'failed'; message: string };
