import type { TokenCipherKey } from '@makini-kit/core';

/** What the test hands a replica process (`replicaServer.ts`) over IPC. */
export interface ReplicaServerConfig {
  name: string;
  redisUrl: string;
  prefix: string;
  keys: TokenCipherKey[];
  sandboxUrl: string;
  clientId: string;
  clientSecret: string;
  connectionKey: string;
  pollIntervalMs: number;
}

/** The replica listens at `url`. */
export interface ReplicaServerReady {
  url: string;
}

/** `GET /call`: the replica's client asked Makini, or why it could not. */
export type CallAnswer =
  | { replica: string; ok: true }
  | { replica: string; ok: false; kind: string; code: string; operation?: string };

/** `GET /state`: what the replica's monitor holds and the alerts this replica sent. */
export interface ReplicaState {
  replica: string;
  health: string | undefined;
  alerts: string[];
}
