import { MAX_TIMEOUT_MS } from '../client/timers.js';
import type { ExchangeAnswer } from './ReconnectOutcome.js';

/** Where a reconnect is: style with `data-state`. */
export type ReconnectState =
  | 'idle'
  | 'opening'
  | 'waiting'
  | 'exchanging'
  | 'confirming'
  | 'success'
  /** The popup was blocked and `popupBlocked: 'offer'`: the next `reconnect()` continues in this tab. */
  | 'blocked'
  | 'error';

/** Everything that happens during a reconnect, for analytics and debugging. */
export type ReconnectEvent =
  | {
      /** Link was opened. */
      type: 'open';
      /** In a popup, or in this tab. */
      mode: 'popup' | 'redirect';
    }
  | {
      /** The browser blocked the popup. */
      type: 'popup_blocked';
    }
  | {
      /** A message that is not the callback's was ignored. */
      type: 'message_rejected';
      /** What was wrong: the sender's origin, the `state`, or the message's shape. */
      reason: 'origin' | 'state' | 'shape';
      /** The sender's origin. */
      origin: string;
    }
  | {
      /** The callback page answered. */
      type: 'callback';
      /** With a code, or with an OAuth error. */
      outcome: 'code' | 'error';
      /** The OAuth error, e.g. `access_denied`. */
      error?: string;
    }
  | {
      /** The popup was closed before the callback. */
      type: 'closed';
    }
  | {
      /** The code was exchanged; waiting for the health source. */
      type: 'confirming';
      /** The connection being confirmed. */
      connectionId: string;
    }
  | {
      /** A wait ran out. */
      type: 'timed_out';
      /** Which one. */
      phase: 'sign_in' | 'confirmation';
    }
  | {
      /** Reconnected (or connected). */
      type: 'success';
    }
  | {
      /** The flow failed. */
      type: 'error';
      /** What went wrong. */
      error: unknown;
    };

/** What the flow hands to `exchange`: the code for your back end, with the connection it is for. */
export interface LinkCode {
  /** The code to exchange on your back end (single use, short-lived). */
  code: string;
  /** The `state` the flow started with; check it against your session if you keep one. */
  state: string;
}

/**
 * What `startLinkFlow` reads of a run's options (`useReconnect` and `useConnect` of
 * `@makini-kit/react` add their own callbacks to these).
 */
export interface LinkFlowSettings {
  /** `popup` (see `popupBlocked` when blocked) or a full-page `redirect`. @default 'popup' */
  mode?: 'popup' | 'redirect';
  /**
   * Sends the code to your back end, which exchanges it with the client secret. Answer the
   * connection's health after the exchange (and its key) so the outcome is confirmed at once;
   * otherwise the health source has to show the connection working within `confirmTimeoutMs`.
   * A new system's `connectionId` is `''`: answer its key.
   * @example exchange: ({ code, state, connectionId }) => api.post('/link/exchange', { code, state, connectionId })
   */
  exchange?: (
    code: ReconnectCode,
    // biome-ignore lint/suspicious/noConfusingVoidType: an exchange may answer nothing (`async () => {}`).
  ) => Promise<ExchangeAnswer | undefined | void> | ExchangeAnswer | undefined | void;
  /** Called for every step of the flow, for analytics and debugging. */
  onEvent?: (event: ReconnectEvent) => void;
  /** How long the customer may take to sign in; then the popup is closed. @default 600_000 */
  timeoutMs?: number;
  /** How long the health source may take to show the connection working after the exchange. @default 30_000 */
  confirmTimeoutMs?: number;
  /**
   * A blocked popup: `redirect` continues in this tab at once; `offer` ends the run as
   * `popup_blocked` with `fallback: 'offered'`, and the next run, started with `redirectNow` in
   * the customer's next click, continues in this tab. @default 'redirect'
   */
  popupBlocked?: 'redirect' | 'offer';
  /** Pre-selects the system on the consent page (its provider slug, e.g. `oracle-netsuite`). */
  platform?: string;
  /** Pre-fills the username on the consent page. */
  loginHint?: string;
  /** Run Link even when the health source shows the connection working. @default false */
  force?: boolean;
  /**
   * Bind Link to the connection (`connection_id` on the authorize URL): the consent page fixes
   * its system and username, and signing in reconnects that very connection. @default true
   */
  bound?: boolean;
}

/** What `reconnect()`'s `exchange` receives. */
export interface ReconnectCode extends LinkCode {
  /** The connection being reconnected. */
  connectionId: string;
}

export const DEFAULT_TIMEOUT_MS = 600_000;
/** @internal The React widgets' default, shared with the flow. */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 30_000;

/**
 * A programming mistake in the timing options is a RangeError naming the option.
 * @internal
 */
export function checkTimings(options: {
  timeoutMs?: number | undefined;
  confirmTimeoutMs?: number | undefined;
}) {
  for (const name of ['timeoutMs', 'confirmTimeoutMs'] as const) {
    const value = options[name];
    // Above 2^31-1 ms a browser's timer fires at once.
    if (value !== undefined && !(Number.isFinite(value) && value > 0 && value <= MAX_TIMEOUT_MS)) {
      throw new RangeError(
        `${name} must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS} (2^31-1, the longest timer); got ${value}.`,
      );
    }
  }
}
