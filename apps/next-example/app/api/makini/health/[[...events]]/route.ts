import { createHealthHandler } from '@makini-kit/core';
import { makiniServer } from '../../../../../lib/MakiniServer';

// Health is live: never prerendered nor cached.
export const dynamic = 'force-dynamic';

/**
 * `GET /api/makini/health` answers the JSON snapshot, `GET /api/makini/health/events` streams it as
 * Server-Sent Events (what `MakiniProvider`'s `healthUrl` follows). Health only, never a token.
 */
export function GET(request: Request): Response {
  return createHealthHandler(makiniServer().monitor)(request);
}
