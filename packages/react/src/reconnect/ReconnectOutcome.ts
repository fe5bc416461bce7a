import type { ConnectionHealth } from '@makini-kit/core';

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
      type: 'reconnected';
      connectionId: string;
      health?: ConnectionHealth;
      confirmedBy: 'health' | 'exchange';
    }
  /** Checked synchronously in the click from the health source: healthy or syncing; nothing opened. */
  | { type: 'already_healthy'; connectionId: string; health: ConnectionHealth }
  /** The customer closed the popup, or pressed Cancel on the consent page (access_denied). */
  | { type: 'cancelled'; connectionId?: string; reason: 'closed' | 'access_denied' }
  /** The browser blocked the popup: the full-page redirect was taken, or offered (see `popupBlocked`). */
  | { type: 'popup_blocked'; connectionId?: string; fallback: 'redirect' | 'offered' }
  /** No answer in time: sign-in (`timeoutMs`, the popup is closed) or confirmation (`confirmTimeoutMs`). */
  | { type: 'timed_out'; connectionId?: string; phase: 'sign_in' | 'confirmation' }
  /** Anything else: `error` typed (a MakiniError/LinkError when the kit made it), `code` a string,
   *  `requestId` when the failing call had one (read from `error.requestId`). */
  | { type: 'failed'; connectionId?: string; error: unknown; code: string; requestId?: string };

/**
 * How connecting a new system ended (`useConnect()`): `connected` in place of
 * `reconnected`/`already_healthy`, the other outcomes as for a reconnect.
 */
export type ConnectOutcome =
  | {
      type: 'connected';
      connectionId: string;
      health?: ConnectionHealth;
      confirmedBy: 'health' | 'exchange';
    }
  | Exclude<ReconnectOutcome, { type: 'reconnected' | 'already_healthy' }>;

/**
 * What your `exchange` may answer after exchanging the code on your back end: the connection's
 * key (required for a new system) and its health right after the exchange. A health of `healthy`
 * or `syncing` confirms the reconnect at once; otherwise the health source has to show it.
 */
export interface ExchangeAnswer {
  connectionId?: string;
  health?: ConnectionHealth;
}
