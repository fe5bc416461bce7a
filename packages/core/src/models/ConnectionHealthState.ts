import * as z from 'zod';

/** The normalized health of a connection, whatever the source system and however it was learned. */
export const CONNECTION_HEALTH_STATES = [
  'healthy',
  'syncing',
  'degraded',
  'reauthorization_required',
  'disconnected',
  'unknown',
] as const;

/**
 * - `healthy`: calls succeed and the last sync finished.
 * - `syncing`: a sync is running.
 * - `degraded`: calls fail more often than the alert threshold, or the last sync ended in error.
 * - `reauthorization_required`: the customer's system credentials stopped working; run Link again.
 * - `disconnected`: the connection was deleted or revoked.
 * - `unknown`: nothing has been learned yet.
 */
export const ConnectionHealthState = z.enum(CONNECTION_HEALTH_STATES);
export type ConnectionHealthState = z.infer<typeof ConnectionHealthState>;
