import * as z from 'zod';
import { normalizeExpiry } from './expiry.js';

export { normalizeExpiry } from './expiry.js';

/** The body of `POST /link/token` as sent (OAuth 2.0 token response). */
export const TokenResponseFields = z.looseObject({
  /** The bearer token for API calls on the connection. Keep it on the server. */
  access_token: z.string().min(1, 'must be a non-empty token'),
  /** Trades for a new pair when the access token expires (`refreshToken`). Keep it on the server. */
  refresh_token: z.string().min(1).nullish(),
  /** `Bearer`, when sent. */
  token_type: z.string().nullish(),
  /** The expiry as sent: seen both as a Unix timestamp and as seconds, as a number or a string; read `expiresAt`. */
  expires_in: z.union([z.number(), z.string()]).nullish(),
  /** The granted scopes, space-separated, when sent. */
  scope: z.string().nullish(),
  /** The connection the token reaches, when the server says (the sandbox does). */
  connection_id: z.string().nullish(),
});

/** Adds the absolute `expiresAt` (epoch ms, or `null`), computed when the body is parsed. */
const addExpiresAt = <Body extends { expires_in?: number | string | null | undefined }>(
  body: Body,
) => ({
  ...body,
  /** `expires_in` as an absolute expiry in epoch milliseconds, or `null` when it says nothing usable. */
  expiresAt: normalizeExpiry(body.expires_in, Date.now()) ?? null,
});

/**
 * A token response with its expiry normalized: `expiresAt` is epoch milliseconds (computed against
 * the time of parsing), or `null` when the response gave no usable expiry.
 */
export const TokenResponse = TokenResponseFields.transform(addExpiresAt);
export type TokenResponse = z.infer<typeof TokenResponse>;

/**
 * A connection's token set as returned when a connection is created (`ConnectionStore`), and the
 * fresh access token of `POST /api/system/connections/{id}/token` (`ConnectionToken`); generated
 * from the spec, each with its absolute `expiresAt`.
 */
export { ConnectionStore, ConnectionToken } from '../generated/schemas.js';
