import * as z from 'zod';
import { normalizeExpiry } from './expiry.js';

export { normalizeExpiry } from './expiry.js';

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
const addExpiresAt = <Body extends { expires_in?: number | string | null | undefined }>(
  body: Body,
) => ({
  ...body,
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
