import type { HealthSource, ReconnectOutcome } from '@makini-kit/core';
import {
  checkTimings,
  confirmExchange,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  type ReturnedLink,
} from '@makini-kit/core/internal';
import { useEffect, useRef } from 'react';

/**
 * The outcome of a reconnect that left for Link in this tab and came back through the callback,
 * confirmed as the popup flow confirms it: by the exchange's answered health, or by the health
 * source within `confirmTimeoutMs`. Reported once per return. The link was used by the back end,
 * which redeems it only after an exchange gave that connection's tokens, so a working entry of
 * the source confirms it as the popup flow's does.
 */
export function useReturnedOutcome(
  returned: ReturnedLink | undefined,
  health: HealthSource | undefined,
  confirmTimeoutMs: number | undefined,
  report: (outcome: ReconnectOutcome) => void,
) {
  // Checked on every render, as the button checks its own: the return path has no button.
  checkTimings({ confirmTimeoutMs });
  const latest = useRef(report);
  latest.current = report;
  // One report per return, though the effect runs again (StrictMode, a new health source).
  const reported = useRef<ReturnedLink>(undefined);

  useEffect(() => {
    if (!returned || reported.current === returned) return;
    const { connectionId } = returned;
    const settle = (outcome: ReconnectOutcome) => {
      reported.current = returned;
      latest.current(outcome);
    };
    return confirmExchange({
      answer: returned,
      source: health,
      connectionId,
      baseline: undefined,
      timeoutMs: confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
      onConfirmed: (confirmedBy, found) =>
        settle({ type: 'reconnected', connectionId, health: found, confirmedBy }),
      onUnconfirmable: (error) =>
        settle({ type: 'failed', connectionId, error, code: 'NOT_CONFIRMABLE' }),
      onTimeout: () => settle({ type: 'timed_out', connectionId, phase: 'confirmation' }),
    });
  }, [returned, health, confirmTimeoutMs]);
}
