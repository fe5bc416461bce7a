import type { ConnectionHealthState, SyncStatus } from '@makini-kit/core';

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
  status: {
    states: Record<ConnectionHealthState, string>;
    /** "Last synced {time}": `time` is already a relative time ("5 minutes ago"). */
    lastSync: (relativeTime: string) => string;
    /** "{percent} of recent calls failed": `percent` is already formatted ("12 %"). */
    errorRate: (percent: string) => string;
    never: string;
  };
  reconnect: {
    /** The button's label in each state of a reconnect. */
    states: Record<ReconnectStateLabel, string>;
    /** The button's label for a connection never connected ("Connect a new system"). */
    connectNew: string;
  };
  /** What each outcome of a reconnect says to the customer. */
  outcomes: {
    reconnected: string;
    already_healthy: string;
    cancelled: string;
    popup_blocked: string;
    timed_out: string;
    failed: string;
    /** "Reference: {requestId}", for a support ticket. */
    reference: (requestId: string) => string;
  };
  sync: {
    states: Record<SyncStatus, string>;
    /** "Updated {time}": `time` is already a relative time. */
    updated: (relativeTime: string) => string;
    /** What the customer learns and does for `error` and `fail`. */
    reasons: { error: string; fail: string };
    actions: { error: string; fail: string };
  };
  list: {
    /** The list's accessible name. */
    label: string;
    columns: { system: string; status: string; lastSync: string; actions: string };
    /** "3 connections", with the language's plural forms. */
    count: (count: number) => string;
    connectNew: string;
    empty: string;
    loading: string;
    error: string;
    retry: string;
    disconnect: string;
    /** The confirmation's question: "Disconnect {name}?". */
    confirmDisconnect: (name: string) => string;
    /** What disconnecting does, under the question. */
    confirmDisconnectDetail: string;
    confirm: string;
    cancel: string;
    /** Announced after a removal: "{name} was disconnected." */
    disconnected: (name: string) => string;
    disconnectFailed: (name: string) => string;
  };
  /** `<ReconnectPage>`: the page a reconnect link opens. */
  reconnectPage: {
    title: string;
    /** "Reconnect {system} to restore the connection." */
    intro: (system: string) => string;
    checking: string;
    start: string;
    /** Why a link is refused, one text per `ReconnectLinkError` code. */
    refused: Record<ReconnectLinkRefusal, string>;
    /** What to do after a refusal: "Ask for a new link…". */
    refusedHelp: string;
  };
  /** `<LinkCallback>`: the page at the Link redirect URI. */
  callback: {
    finishing: string;
    failedPopup: string;
    failedRedirect: string;
  };
}

/** The labelled states of a reconnect button. */
export type ReconnectStateLabel =
  | 'idle'
  | 'opening'
  | 'waiting'
  | 'exchanging'
  | 'confirming'
  | 'success'
  | 'blocked'
  | 'error';

/** Why a reconnect link can be refused; the codes of `ReconnectLinkError`. */
export type ReconnectLinkRefusal =
  | 'LINK_EXPIRED'
  | 'LINK_USED'
  | 'LINK_INVALID'
  | 'LINK_WRONG_CONNECTION';
