/**
 * Refuses options a Redis store cannot work with, at construction rather than at the first call.
 *
 * @throws {TypeError} without a connection from `toRedisConnection`, or with a prefix that is not a
 * string.
 */
export function checkRedisOptions(
  owner: string,
  options: { connection?: unknown; prefix?: unknown } | undefined,
): void {
  const connection = options?.connection as { evalScript?: unknown } | undefined;
  if (!connection || typeof connection.evalScript !== 'function') {
    throw new TypeError(
      `${owner} needs connection: toRedisConnection(client) with an ioredis or node-redis client.`,
    );
  }
  if (options?.prefix !== undefined && typeof options.prefix !== 'string') {
    throw new TypeError(`${owner}: prefix must be a string, got ${typeof options.prefix}.`);
  }
}

/**
 * A duration Redis takes as `PX`: whole ms from 1 to 2^31-1 (longer ones are most likely a unit
 * mistake, seconds taken for ms the other way round).
 *
 * @throws {RangeError} naming the option and the value.
 */
export function checkTtlMs(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > 2 ** 31 - 1) {
    throw new RangeError(
      `${name} must be a number of milliseconds from 1 to 2^31-1, got ${String(value)}.`,
    );
  }
  return Math.ceil(value);
}
