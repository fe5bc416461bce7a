import * as z from 'zod';

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

/** The body of `POST /link/token` as sent (OAuth 2.0 token response). */
export const TokenResponseFields = z.looseObject({
  access_token: z.string().min(1, 'must be a non-empty token'),
  refresh_token: z.string().min(1).nullish(),
  token_type: z.string().nullish(),
  expires_in: z.union([z.number(), z.string()]).nullish(),
  scope: z.string().nullish(),
  /** The connection the token reaches, when the server says (the sandbox does). */
  connection_id: z.string().nullish(),
});

/** Adds the absolute `expiresAt` (epoch ms, or `null`), computed when the body is parsed. */
const withExpiresAt = <Body extends { expires_in?: number | string | null | undefined }>(
  body: Body,
) => ({
  ...body,
  expiresAt: normalizeExpiry(body.expires_in, Date.now()) ?? null,
});

/**
 * A token response with its expiry normalized: `expiresAt` is epoch milliseconds (computed against
 * the time of parsing), or `null` when the response gave no usable expiry.
 */
export const TokenResponse = TokenResponseFields.transform(withExpiresAt);
export type TokenResponse = z.infer<typeof TokenResponse>;

/**
 * A connection's token set as returned when a connection is created (`ConnectionStore`), and the
 * fresh access token of `POST /api/system/connections/{id}/token` (`ConnectionToken`); generated
 * from the spec. Read their `expires_in` with {@link normalizeExpiry}.
 */
export { ConnectionStore, ConnectionToken } from '../generated/schemas.js';
