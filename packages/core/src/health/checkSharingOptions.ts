import type { ConnectionHealthMonitorOptions } from './ConnectionHealthMonitorOptions.js';

const BUS_METHODS = ['publish', 'subscribe', 'load', 'claimAlert'] as const;
const LEASE_METHODS = ['claim', 'leave'] as const;

/**
 * Refuses a `bus`, `leases` or `replicaId` that would fail at the first poll or change, long after
 * start-up, with a message that names the option.
 *
 * @throws {TypeError}
 */
export function checkSharingOptions(options: ConnectionHealthMonitorOptions): void {
  const { bus, leases, replicaId } = options;
  if (bus !== undefined) lacking('bus', bus, BUS_METHODS, 'new RedisHealthBus({ connection })');
  if (leases !== undefined) {
    lacking('leases', leases, LEASE_METHODS, 'new RedisPollLeases({ connection })');
  }
  if (replicaId !== undefined && (typeof replicaId !== 'string' || replicaId.trim() === '')) {
    throw new TypeError(
      `ConnectionHealthMonitor: replicaId must be a non-empty string naming this process (the host name, a pod name), got ${JSON.stringify(replicaId)}; leave it out for a random one.`,
    );
  }
}

function lacking(name: string, value: unknown, methods: readonly string[], example: string) {
  const missing = methods.filter(
    (method) => typeof (value as Record<string, unknown> | null)?.[method] !== 'function',
  );
  if (missing.length === 0) return;
  throw new TypeError(
    `ConnectionHealthMonitor: ${name} must have ${methods.join(', ')} (missing ${missing.join(', ')}); pass e.g. ${example} from @makini-kit/redis, or a Memory one from @makini-kit/core.`,
  );
}
