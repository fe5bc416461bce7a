/** What the parent tells a health replica at start. */
export interface HealthReplicaConfig {
  replicaId: string;
  redisUrl: string;
  client: 'ioredis' | 'node-redis';
  /** Key prefix of the run: replicas that share it share health and leases. */
  prefix: string;
  sandboxUrl: string;
  /** The connections this replica tracks, each with a connection token. */
  connections: Array<{ connectionKey: string; accessToken: string }>;
  webhookSecret: string;
  pollIntervalMs: number;
  leaseMs?: number | undefined;
  /** With the Redis bus and leases; `false` is the per-process baseline. */
  shared: boolean;
  /** Holds a subscriber of its own, so it polls whether or not a browser listens. */
  subscribed: boolean;
  /** Tells the parent about each poll it starts (off for a thousand connections). */
  reportPolls: boolean;
}

/** What a health replica tells its parent. */
export type HealthReplicaMessage =
  | { kind: 'ready'; url?: string }
  | { kind: 'alert'; alertKind: string; connectionId: string }
  | { kind: 'poll'; connectionId: string; at: number }
  | { kind: 'error'; operation: string; message: string };

export type HealthParentMessage = { kind: 'config'; config: HealthReplicaConfig };
