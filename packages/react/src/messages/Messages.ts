import type { ConnectionHealthState, ReconnectState, SyncStatus } from '@makini-kit/core';

/**
 * Every text the widgets show, for one language. English is built in (`en`); the others are
 * imported from `@makini-kit/react/locales` and given to `MakiniProvider`'s `messages`, so a page
 * pays only for the languages it imports. Functions take what varies (a count, a time, a name) and
 * use `Intl.PluralRules` where a language needs plural forms.
 */
export interface Messages {
  /** BCP 47 tag given to `Intl` for numbers, plurals and relative times, e.g. `de`. */
  locale: string;
  /** Writing direction of the language; the widgets set `dir` from it. */
  dir: 'ltr' | 'rtl';
  /** `<ConnectionStatus>`. */
  status: {
    /** The label of each health state ("Connected", "Reconnect required", …). */
    states: Record<ConnectionHealthState, string>;
    /** "Last synced {time}": `time` is already a relative time ("5 minutes ago"). */
    lastSync: (relativeTime: string) => string;
    /** "{percent} of recent calls failed": `percent` is already formatted ("12 %"). */
    errorRate: (percent: string) => string;
    /** Shown for a connection that never synced ("Never synced"). */
    never: string;
  };
  /** `<ReconnectButton>`. */
  reconnect: {
    /** The button's label in each state of a reconnect. */
    states: Record<ReconnectStateLabel, string>;
    /** The button's label for a connection never connected ("Connect a new system"). */
    connectNew: string;
  };
  /** What each outcome of a reconnect says to the customer. */
  outcomes: {
    /** The connection works again. */
    reconnected: string;
    /** A new system is connected and works (the outcome of `useConnect`). */
    connected: string;
    /** Nothing to do: it was working already. */
    already_healthy: string;
    /** The customer closed the sign-in or pressed Cancel. */
    cancelled: string;
    /** The browser blocked the sign-in window. */
    popup_blocked: string;
    /** No answer in time: the customer did not finish signing in within `timeoutMs`. */
    timed_out: string;
    /**
     * The customer signed in, but the exchange and the confirmation did not finish within
     * `confirmTimeoutMs` (a `timed_out` outcome with `phase: 'confirmation'`). Optional for a
     * language of your own: `timed_out` is shown without it.
     */
    not_confirmed?: string;
    /** Anything else went wrong. */
    failed: string;
    /** "Reference: {requestId}", for a support ticket. */
    reference: (requestId: string) => string;
  };
  /** `<SyncStatus>`. */
  sync: {
    /** The label of each sync status ("Syncing…", "Up to date", …). */
    states: Record<SyncStatus, string>;
    /** "Updated {time}": `time` is already a relative time. */
    updated: (relativeTime: string) => string;
    /** What the customer learns and does for `error` and `fail`. */
    reasons: {
      /** The sync ended in an error; the next one may succeed. */
      error: string;
      /** The system refused the credentials: reconnect. */
      fail: string;
    };
    /** The button for each: try again, or reconnect. */
    actions: {
      /** The `error` action ("Try again"). */
      error: string;
      /** The `fail` action ("Reconnect"). */
      fail: string;
    };
  };
  /** `<ConnectionList>`. */
  list: {
    /** The list's accessible name. */
    label: string;
    /** The column headers. */
    columns: {
      /** "System". */
      system: string;
      /** "Status". */
      status: string;
      /** "Last sync". */
      lastSync: string;
      /** "Actions". */
      actions: string;
    };
    /** "3 connections", with the language's plural forms. */
    count: (count: number) => string;
    /** The button that connects another system. */
    connectNew: string;
    /** Shown when there is no connection yet. */
    empty: string;
    /** Shown while `connections` is `undefined`. */
    loading: string;
    /** Shown with `error`. */
    error: string;
    /** The button that calls `onRetry`. */
    retry: string;
    /** A row's Disconnect button. */
    disconnect: string;
    /** The confirmation's question: "Disconnect {name}?". */
    confirmDisconnect: (name: string) => string;
    /** What disconnecting does, under the question. */
    confirmDisconnectDetail: string;
    /** The confirmation's Disconnect button. */
    confirm: string;
    /** The confirmation's Cancel button. */
    cancel: string;
    /** Announced after a removal: "{name} was disconnected." */
    disconnected: (name: string) => string;
    /** Shown when `onDisconnect` rejects: "{name} could not be disconnected." */
    disconnectFailed: (name: string) => string;
  };
  /** `<ReconnectPage>`: the page a reconnect link opens. */
  reconnectPage: {
    /** The page's heading. */
    title: string;
    /** "Reconnect {system} to restore the connection." */
    intro: (system: string) => string;
    /** Shown while the link is checked. */
    checking: string;
    /** The button that starts the reconnect. */
    start: string;
    /** Why a link is refused, one text per `ReconnectLinkError` code. */
    refused: Record<ReconnectLinkRefusal, string>;
    /** What to do after a refusal: "Ask for a new link…". */
    refusedHelp: string;
  };
  /** `<LinkCallback>`: the page at the Link redirect URI. */
  callback: {
    /** Shown while the code is handed over. */
    finishing: string;
    /** Shown in a sign-in window that could not hand the code back. */
    failedPopup: string;
    /** Shown after a full-page sign-in that failed. */
    failedRedirect: string;
  };
}

/** The labelled states of a reconnect button: every state of core's Link flow. */
export type ReconnectStateLabel = ReconnectState;

/** Why a reconnect link can be refused; the codes of `ReconnectLinkError`. */
export type ReconnectLinkRefusal =
  | 'LINK_EXPIRED'
  | 'LINK_USED'
  | 'LINK_INVALID'
  | 'LINK_WRONG_CONNECTION';
