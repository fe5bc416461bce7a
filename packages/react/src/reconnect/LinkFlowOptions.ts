import type {
  ExchangeAnswer,
  HealthSource,
  LinkCode,
  LinkFlowSettings,
  LinkSettings,
} from '@makini-kit/core';

/**
 * Options shared by `useReconnect` and `useConnect`: core's `LinkFlowSettings` for the flow
 * itself, and the hooks' own callbacks.
 */
export interface LinkFlowOptions<TOutcome, TCode extends LinkCode>
  extends Omit<LinkFlowSettings, 'exchange' | 'force' | 'bound' | 'popupBlocked'> {
  /** Link's settings. @default the provider's `link` */
  link?: LinkSettings;
  /**
   * Sends the code to your back end, which exchanges it with the client secret. Answer the
   * connection's health after the exchange (and its key) so the outcome is confirmed at once;
   * otherwise the health source has to show the connection working within `confirmTimeoutMs`.
   * @example exchange: ({ code, state, connectionId }) => api.post('/link/exchange', { code, state, connectionId })
   */
  exchange?: (
    code: TCode,
    // biome-ignore lint/suspicious/noConfusingVoidType: an exchange may answer nothing (`async () => {}`).
  ) => Promise<ExchangeAnswer | undefined | void> | ExchangeAnswer | undefined | void;
  /**
   * A blocked popup: `redirect` continues in this tab at once; `offer` leaves the state `blocked`
   * and the next `reconnect()` (a click on the button) continues in this tab. @default 'redirect'
   */
  popupBlocked?: 'redirect' | 'offer';
  /** Called once per run with how it ended. */
  onResult?: (outcome: TOutcome) => void;
  /** Called with the error of a `failed` outcome. */
  onError?: (error: unknown) => void;
  /** The customer left without finishing: closed the popup, or cancelled on the consent page. */
  onExit?: (reason: 'closed' | 'access_denied') => void;
  /** Confirms the outcome (and, for a reconnect, finds it already healthy). @default the provider's */
  health?: HealthSource;
}
