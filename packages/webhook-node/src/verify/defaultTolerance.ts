/**
 * The replay window when `toleranceSeconds` is left out. The standard scheme dates each attempt
 * (`webhook-timestamp`), so five minutes covers clock skew and transit. The legacy scheme has only
 * the body's `created_at`, which a retry keeps: Makini retries for up to 24 hours, so its window
 * spans that plus an hour, or a late retry would be refused with a 400 and the event lost.
 */
export const DEFAULT_TOLERANCE_SECONDS = { standard: 300, legacy: 90_000 } as const;
