import type { HealthBus, PollLeases, RateLimitStore, UsedLinkStore } from '@makini-kit/core';
import type { DedupeStore } from '@makini-kit/webhook-node';
import type { ActivityLog } from './Activity.js';
import type { ConnectionStore } from './ConnectionStore.js';

/**
 * What a back end keeps beyond one request. One process keeps it in a sealed file and in memory
 * (`openLocalState`); replicas share it in Redis (`openRedisState`), each part the kit's interface
 * for it, so the back end's code is the same either way.
 */
export interface BackendState {
  connections: ConnectionStore;
  activity: ActivityLog;
  /** Webhook deliveries already handled, so a retried delivery is handled once. */
  dedupe: DedupeStore;
  /** One rate-limit budget per connection across replicas. @default the client's own, in memory */
  rateLimitStore?: RateLimitStore;
  /** Health changes shared with every replica, and who sends each alert. @default none */
  healthBus?: HealthBus;
  /** Which replica polls which connection. @default this process polls them all */
  pollLeases?: PollLeases;
  /** Reconnect links already redeemed, so each works once across replicas. @default in memory */
  usedLinks?: UsedLinkStore;
  /** This process's name among the replicas, answered in `x-demo-replica`. @default none */
  replica?: string;
  close(): Promise<void>;
}
