const QUIET_MS = 60_000;

/**
 * A default `onError`: `console.warn` at most once a minute, counting the reports it stood for, so
 * a flood of bad messages is not a flood of log lines.
 */
export function warnOncePerMinute(label: string): (error: Error) => void {
  let last: { at: number; quieted: number } | undefined;
  return (error) => {
    const now = Date.now();
    if (last && now - last.at >= 0 && now - last.at < QUIET_MS) {
      last.quieted++;
      return;
    }
    const more = last?.quieted ? ` (and ${last.quieted} more since the last report)` : '';
    last = { at: now, quieted: 0 };
    console.warn(`${label} ${error.message}${more}`);
  };
}
