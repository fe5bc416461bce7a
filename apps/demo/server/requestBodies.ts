import { z } from 'zod';

/** `POST /api/link/exchange`: the Link code, and the connection it reconnects, if any. */
export const ExchangeBody = z.object({
  code: z.string().min(1, 'is required'),
  connectionId: z.string().min(1).optional(),
});

/** `POST /api/dev/rotate`: whose system password changes. */
export const RotateBody = z.object({ connectionId: z.string().min(1, 'is required') });

/** The fault kinds the developer panel offers. */
export const FAULT_KINDS = ['errors', 'rate_limit'] as const;

/** `POST /api/dev/faults`. */
export const FaultsBody = z.object({ kind: z.enum(FAULT_KINDS) });

/** `POST /api/dev/rate-limit`: requests per connection per minute; `0` turns the limit off. */
export const RateLimitBody = z.object({ limit: z.number().int().min(0).max(100_000) });
