import type { ConnectionHealth } from '../health/ConnectionHealth.js';

/**
 * How a reconnect ended: exactly one of these, once per `reconnect()` call. `reconnect()` never
 * rejects; a failure is the `failed` outcome.
 *
 * @example
 * const outcome = await reconnect();
 * if (outcome.type === 'failed') report(outcome.code, outcome.requestId);
 */
export type ReconnectOutcome =
  /** The back end exchanged the code AND the connection is confirmed working: the exchange returned
   *  health `healthy`/`syncing`, or the health source showed it after the exchange. */
  | {
      /** Reconnected. */
      type: 'reconnected';
      /** The connection reconnected. */
      connectionId: string;
      /** Its health when confirmed. */
      health?: ConnectionHealth;
      /** What confirmed it: your `exchange`'s answer, or the health source afterwards. */
      confirmedBy: 'health' | 'exchange';
    }
  /** Checked synchronously in the click from the health source: healthy or syncing; nothing opened. */
  | {
      /** Working already. */
      type: 'already_healthy';
      /** The connection. */
      connectionId: string;
      /** Its health, as the click saw it. */
      health: ConnectionHealth;
    }
  /** The customer closed the popup, or pressed Cancel on the consent page (access_denied). */
  | {
      /** Cancelled. */
      type: 'cancelled';
      /** The connection, when known. */
      connectionId?: string;
      /** `closed`: the window was closed; `access_denied`: Cancel on the consent page. */
      reason: 'closed' | 'access_denied';
    }
  /** The browser blocked the popup: the full-page redirect was taken, or offered (see `popupBlocked`). */
  | {
      /** The popup was blocked. */
      type: 'popup_blocked';
      /** The connection, when known. */
      connectionId?: string;
      /** `redirect`: the page is leaving for Link; `offered`: the next `reconnect()` redirects. */
      fallback: 'redirect' | 'offered';
    }
  /** No answer in time: sign-in (`timeoutMs`, the popup is closed) or confirmation (`confirmTimeoutMs`). */
  | {
      /** Timed out. */
      type: 'timed_out';
      /** The connection, when known. */
      connectionId?: string;
      /** Which wait ran out. */
      phase: 'sign_in' | 'confirmation';
    }
  /** Anything else: `error` typed (a MakiniError/LinkError when the kit made it), `code` a string,
   *  `requestId` when the failing call had one (read from `error.requestId`). */
  | {
      /** Failed. */
      type: 'failed';
      /** The connection, when known. */
      connectionId?: string;
      /** What went wrong, as thrown. */
      error: unknown;
      /** The error's `code`, or a `ReconnectFailureCode`. */
      code: string;
      /** The failing call's request id: quote it to support. */
      requestId?: string;
    };

/**
 * How connecting a new system ended (`useConnect()`): `connected` in place of
 * `reconnected`/`already_healthy`, the other outcomes as for a reconnect.
 */
export type ConnectOutcome =
  | {
      /** Connected. */
      type: 'connected';
      /** The new connection's key, from your `exchange`. */
      connectionId: string;
      /** Its health when confirmed. */
      health?: ConnectionHealth;
      /** What confirmed it: your `exchange`'s answer, or the health source afterwards. */
      confirmedBy: 'health' | 'exchange';
    }
  | Exclude<
      ReconnectOutcome,
      {
        /** The reconnect-only outcomes. */
        type: 'reconnected' | 'already_healthy';
      }
    >;

/**
 * What your `exchange` may answer after exchanging the code on your back end: the connection's
 * key (required for a new system) and its health right after the exchange. A health of `healthy`
 * or `syncing` confirms the reconnect at once; otherwise the health source has to show it.
 */
export interface ExchangeAnswer {
  /** The connection's key; required when connecting a new system. */
  connectionId?: string;
  /** Its health right after the exchange. */
  health?: ConnectionHealth;
}
