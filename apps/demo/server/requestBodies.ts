import { z } from 'zod';

/** `POST /api/link/exchange`: the Link code, and the connection it reconnects, if any. */
export const ExchangeBody = z.object({
  code: z.string().min(1, 'is required'),
  connectionId: z.string().min(1).optional(),
});

/** `POST /api/reconnect-links/verify`: the link's token, from the page's URL. */
export const LinkVerifyBody = z.object({ token: z.string().min(1, 'is required').max(2000) });

/** `POST /api/reconnect-links/exchange`: the link's token, the Link code and the link's connection. */
export const LinkExchangeBody = z.object({
  token: z.string().min(1, 'is required').max(2000),
  code: z.string().min(1, 'is required'),
  connectionId: z.string().min(1, 'is required'),
});

/** `POST /api/dev/reconnect-link`: the connection a link is minted for. */
export const MintLinkBody = z.object({ connectionId: z.string().min(1, 'is required') });

/** `POST /api/dev/rotate`: whose system password changes. */
export const RotateBody = z.object({ connectionId: z.string().min(1, 'is required') });

/** The fault kinds the developer panel offers. */
export const FAULT_KINDS = ['errors', 'rate_limit'] as const;

/** `POST /api/dev/faults`. */
export const FaultsBody = z.object({ kind: z.enum(FAULT_KINDS) });

/** `POST /api/dev/rate-limit`: requests per connection per minute; `0` turns the limit off. */
export const RateLimitBody = z.object({ limit: z.number().int().min(0).max(100_000) });
