/**
 * Reading Makini's `expires_in` (an epoch number, an epoch string, or seconds from now) as one
 * absolute expiry. Generated models with an `expires_in` field carry it as `expiresAt`.
 */
/** Epoch values below this are durations in seconds; above it, absolute times (2001-09-09 in seconds). */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
/** Above this an epoch value is in milliseconds rather than seconds. */
const EPOCH_MILLISECONDS_FLOOR = 100_000_000_000;

/**
 * Turns Makini's `expires_in` into an absolute expiry in epoch milliseconds. It has been seen as
 * an epoch number, as an epoch string, and as seconds from now (OAuth's meaning); all three are
 * accepted. Returns `undefined` when the value says nothing (`"string"`, empty, negative).
 *
 * @param expiresIn the raw `expires_in`
 * @param receivedAt when the response arrived, in epoch milliseconds
 * @example normalizeExpiry(3600, Date.now()); // an hour from now
 * @example normalizeExpiry('1767225600', Date.now()); // 2026-01-01T00:00:00Z
 */
export function normalizeExpiry(
  expiresIn: number | string | null | undefined,
  receivedAt: number,
): number | undefined {
  const value = typeof expiresIn === 'string' ? Number(expiresIn.trim() || Number.NaN) : expiresIn;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  if (value >= EPOCH_MILLISECONDS_FLOOR) return Math.trunc(value);
  if (value >= EPOCH_SECONDS_FLOOR) return Math.trunc(value * 1000);
  return receivedAt + Math.trunc(value * 1000);
}

/**
 * Gives a parsed record with `expires_in` its absolute `expiresAt` (epoch ms, or `null` when the
 * value says nothing), computed when it is parsed. Not enumerable: serializing the record writes
 * exactly what arrived, and it is no custom field.
 *
 * @example
 * const token = withExpiresAt({ token: 't', expires_in: 300 }); // token.expiresAt ≈ Date.now() + 300_000
 */
export function withExpiresAt<Record extends { expires_in?: number | string | null | undefined }>(
  record: Record,
): Record & { readonly expiresAt: number | null } {
  Object.defineProperty(record, 'expiresAt', {
    value: normalizeExpiry(record.expires_in, Date.now()) ?? null,
    enumerable: false,
    configurable: true,
  });
  return record as Record & { readonly expiresAt: number | null };
}
