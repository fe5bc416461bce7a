import type { ReconnectCode, ReconnectOutcome, ReconnectState } from '@makini-kit/core';
import type { LinkFlowOptions } from './reconnect/LinkFlowOptions.js';
import { useLinkFlow } from './reconnect/useLinkFlow.js';

export type {
  ExchangeAnswer,
  LinkCode,
  ReconnectCode,
  ReconnectEvent,
  ReconnectOutcome,
  ReconnectState,
} from '@makini-kit/core';
export type { LinkFlowOptions } from './reconnect/LinkFlowOptions.js';

/** Options of `useReconnect` and `<ReconnectButton>`. */
export interface ReconnectOptions extends LinkFlowOptions<ReconnectOutcome, ReconnectCode> {
  /**
   * @deprecated Use `exchange`, which may also answer the connection's health. Same call.
   */
  onSuccess?: (result: ReconnectCode) => void | Promise<void>;
  /** Run Link even when the health source shows the connection working. @default false */
  force?: boolean;
  /**
   * Bind Link to this connection (`connection_id` on the authorize URL): the consent page fixes the
   * system and the username, and signing in reconnects this very connection. @default true
   */
  bound?: boolean;
}

/** What `useReconnect` returns. */
export interface UseReconnect {
  /** Where the reconnect is: render it, or style with `data-state`. */
  state: ReconnectState;
  /** The error of the last `failed` outcome. */
  error: unknown;
  /** How the last run ended. */
  outcome: ReconnectOutcome | undefined;
  /**
   * Runs Link for the connection and resolves exactly once with how it ended; never rejects. Call
   * it inside the click handler: it opens the popup before any `await`, and popups opened later
   * are blocked. With `mode: 'redirect'` the page leaves and this never resolves:
   * `<LinkCallback>` finishes the flow on the callback page.
   */
  reconnect: () => Promise<ReconnectOutcome>;
  /** `reconnect()` without the promise. */
  start: () => void;
  /** Back to `idle`, forgetting the last error and outcome. */
  reset: () => void;
}

/**
 * Runs Makini Link again for a connection and reports exactly one outcome: `reconnected` (the back
 * end exchanged the code and the connection is confirmed working), `already_healthy` (checked in
 * the click; nothing opens), `cancelled`, `popup_blocked`, `timed_out` or `failed`. The popup opens
 * synchronously with a fresh `state`; only the redirect URI's origin and that state are accepted.
 *
 * @example
 * const { reconnect, state } = useReconnect(connectionId, {
 *   exchange: ({ code, state }) => api.post('/link/exchange', { code, state, connectionId }),
 * });
 * <button onClick={async () => toast((await reconnect()).type)}>Reconnect</button>
 */
export function useReconnect(connectionId: string, options: ReconnectOptions = {}): UseReconnect {
  const { onSuccess, exchange = onSuccess } = options;
  // Every outcome of a reconnect run is a ReconnectOutcome: the shared flow only widens the type.
  const { run, ...flow } = useLinkFlow(
    'reconnect',
    connectionId,
    (exchange ? { ...options, exchange } : options) as Parameters<typeof useLinkFlow>[2],
  );
  return { ...flow, reconnect: run } as UseReconnect;
}
