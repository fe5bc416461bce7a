import type { ConnectionHealthMonitorOptions } from './ConnectionHealthMonitorOptions.js';

const BUS_METHODS = ['publish', 'subscribe', 'load', 'claimAlert'] as const;
const LEASE_METHODS = ['claim', 'leave'] as const;

/**
 * Refuses a `bus`, `leases`, `replicaId` or `leaseMs` that would fail at the first poll or change,
 * long after start-up, with a message that names the option.
 *
 * @throws {TypeError} for a bus, leases or replica id it cannot use.
 * @throws {RangeError} for a lease no longer than the poll interval.
 */
export function checkSharingOptions(
  options: ConnectionHealthMonitorOptions,
  pollIntervalMs: number,
  leaseMs: number,
): void {
  const { bus, leases, replicaId } = options;
  if (leases !== undefined && leaseMs <= pollIntervalMs) {
    // Renewed once per interval, a shorter lease lapses between polls: connections would change
    // hands at every tick.
    throw new RangeError(
      `ConnectionHealthMonitor: leaseMs (${leaseMs}) must be longer than pollIntervalMs (${pollIntervalMs}), which renews it; leave it out for twice the interval.`,
    );
  }
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
