/** A step of sharing health between replicas that can fail (the bus or the poll leases). */
export type HealthSharingOperation =
  | 'subscribe'
  | 'load'
  | 'publish'
  | 'claimAlert'
  | 'claimPolls'
  | 'leavePolls';

/** What `ConnectionHealthMonitor`'s `onError` is told besides the error. */
export interface HealthSharingErrorContext {
  /** The step that failed. */
  operation: HealthSharingOperation;
  /** The connection, for `publish` and `claimAlert`. */
  connectionId?: string | undefined;
}

/** Receives a failure of the bus or the leases; monitoring goes on. */
export type HealthSharingErrorHandler = (
  error: unknown,
  context: HealthSharingErrorContext,
) => void;

const QUIET_MS = 60_000;

/**
 * The monitor's default `onError`: one `console.warn` line per operation a minute, counting the
 * ones it stood for, so a store that is down for an hour logs sixty lines, not one per change.
 */
export function healthSharingReporter(clock: () => number = Date.now): HealthSharingErrorHandler {
  const last = new Map<HealthSharingOperation, { at: number; quieted: number }>();
  return (error, context) => {
    const now = clock();
    const previous = last.get(context.operation);
    if (previous && now - previous.at >= 0 && now - previous.at < QUIET_MS) {
      previous.quieted++;
      return;
    }
    last.set(context.operation, { at: now, quieted: 0 });
    const more = previous?.quieted ? ` (and ${previous.quieted} more since the last report)` : '';
    const message = error instanceof Error ? error.message : String(error);
    console.warn(
      `[makini health] ${context.operation} failed; monitoring goes on with what this replica sees: ${message}${more}`,
    );
  };
}
