import type { ConnectOutcome, LinkCode, ReconnectState } from '@makini-kit/core';
import type { LinkFlowOptions } from './reconnect/LinkFlowOptions.js';
import { useLinkFlow } from './reconnect/useLinkFlow.js';

export type { ConnectOutcome } from '@makini-kit/core';

/**
 * Options of `useConnect`. `exchange` must answer `{ connectionId }`, the new connection's key
 * from your code exchange, so that the new connection can be confirmed.
 */
export type ConnectOptions = LinkFlowOptions<ConnectOutcome, LinkCode>;

/** What `useConnect` returns. */
export interface UseConnect {
  /** Where the flow is: render it, or style with `data-state`. */
  state: ReconnectState;
  /** The error of the last `failed` outcome. */
  error: unknown;
  /** How the last run ended. */
  outcome: ConnectOutcome | undefined;
  /**
   * Runs Link for a new system and resolves exactly once with how it ended; never rejects. Call it
   * inside the click handler (the popup opens before any `await`).
   */
  connect: () => Promise<ConnectOutcome>;
  /** `connect()` without the promise. */
  start: () => void;
  /** Back to `idle`, forgetting the last error and outcome. */
  reset: () => void;
}

/**
 * Connects a new system: Makini Link with nothing preselected, then your `exchange` (which answers
 * the new connection's key), then confirmation through the health source or the exchange's answer.
 * Resolves to `connected`, `cancelled`, `popup_blocked`, `timed_out` or `failed`.
 *
 * @example
 * const { connect } = useConnect({
 *   exchange: ({ code, state }) => api.post('/link/exchange', { code, state }), // → { connectionId, health }
 * });
 * <button onClick={async () => { const outcome = await connect(); if (outcome.type === 'connected') open(outcome.connectionId); }}>Connect a new system</button>
 */
export function useConnect(options: ConnectOptions = {}): UseConnect {
  // Every outcome of a connect run is a ConnectOutcome: the shared flow only widens the type.
  const { run, ...flow } = useLinkFlow(
    'connect',
    undefined,
    options as Parameters<typeof useLinkFlow>[2],
  );
  return { ...flow, connect: run } as UseConnect;
}
