/**
 * The longest text (a health `reason`, a sync's `reason`, a transition's) a monitor writes and
 * other replicas read back: Makini passes on whatever the ERP answered (a stack trace, an HTML
 * error page), and an entry longer than this is refused whole by the replicas reading it.
 *
 * @default 2000
 * @example
 * const shown = reason.length > MAX_HEALTH_TEXT_LENGTH ? `${reason.slice(0, MAX_HEALTH_TEXT_LENGTH - 1)}…` : reason;
 */
export const MAX_HEALTH_TEXT_LENGTH = 2_000;

/**
 * How far past a replica's clock a time in shared health may lie: replicas' clocks differ a
 * little. A later one is not a time any monitor wrote (monitors take a time in the future as now).
 *
 * @default 300000 (5 minutes)
 * @example
 * const acceptable = (at: number) => at <= Date.now() + MAX_HEALTH_CLOCK_SKEW_MS;
 */
export const MAX_HEALTH_CLOCK_SKEW_MS = 5 * 60_000;
