import type { Messages } from './Messages.js';
import { plural } from './plural.js';

// One constant per section: a widget that imports only its own section (`useTexts`) leaves the
// other widgets' English out of a page's bundle.

export const enStatus: Messages['status'] = {
  states: {
    healthy: 'Connected',
    syncing: 'Syncing',
    degraded: 'Degraded',
    reauthorization_required: 'Reconnect required',
    disconnected: 'Disconnected',
    unknown: 'Checking…',
  },
  lastSync: (time) => `Last synced ${time}`,
  errorRate: (percent) => `${percent} of recent calls failed`,
  never: 'Not synced yet',
};

export const enReconnect: Messages['reconnect'] = {
  states: {
    idle: 'Reconnect',
    opening: 'Opening…',
    waiting: 'Waiting for sign-in…',
    exchanging: 'Reconnecting…',
    confirming: 'Checking the connection…',
    success: 'Reconnected',
    blocked: 'Continue in this tab',
    error: 'Try again',
  },
  connectNew: 'Connect a new system',
};

export const enOutcomes: Messages['outcomes'] = {
  reconnected: 'Reconnected. The connection works again.',
  connected: 'Connected. The new system works.',
  already_healthy: 'This connection already works; nothing to do.',
  cancelled: 'Reconnecting was cancelled.',
  popup_blocked: 'The sign-in window was blocked. Continue in this tab instead.',
  timed_out: 'Sign-in took too long. Try again.',
  not_confirmed:
    'Signed in, but the connection is not confirmed working yet. Check its status in a moment.',
  failed: 'Reconnecting failed. Try again, or contact support.',
  reference: (requestId) => `Reference: ${requestId}`,
};

export const enSync: Messages['sync'] = {
  states: {
    inprogress: 'Syncing',
    done: 'Synced',
    fulldone: 'Fully synced',
    error: 'Sync error',
    fail: 'Sync failed',
  },
  updated: (time) => `Updated ${time}`,
  reasons: {
    error: 'The last sync ended with an error; it will be retried.',
    fail: 'The system rejected the saved credentials.',
  },
  actions: { error: 'Check again', fail: 'Reconnect to resume syncing' },
};

export const enList: Messages['list'] = {
  label: 'Connections',
  columns: { system: 'System', status: 'Status', lastSync: 'Last sync', actions: 'Actions' },
  count: (count) => plural('en', count, { one: '# connection', other: '# connections' }),
  connectNew: 'Connect a new system',
  empty: 'No systems connected yet.',
  loading: 'Loading connections…',
  error: 'The connections could not be loaded.',
  retry: 'Try again',
  disconnect: 'Disconnect',
  confirmDisconnect: (name) => `Disconnect ${name}?`,
  confirmDisconnectDetail: 'Data stops syncing until the system is connected again.',
  confirm: 'Disconnect',
  cancel: 'Cancel',
  disconnected: (name) => `${name} was disconnected.`,
  disconnectFailed: (name) => `${name} could not be disconnected. Try again.`,
};

export const enReconnectPage: Messages['reconnectPage'] = {
  title: 'Reconnect your system',
  intro: (system) => `Sign in to ${system} again to restore the connection.`,
  checking: 'Checking the link…',
  start: 'Reconnect',
  refused: {
    LINK_EXPIRED: 'This reconnect link has expired.',
    LINK_USED: 'This reconnect link was already used.',
    LINK_INVALID: 'This reconnect link is not valid.',
    LINK_WRONG_CONNECTION: 'This reconnect link is for another connection.',
  },
  refusedHelp: 'Ask for a new link, or sign in to the app to reconnect from there.',
};

export const enCallback: Messages['callback'] = {
  finishing: 'Finishing the connection…',
  failedPopup: 'The connection could not be completed. Close this window and try again.',
  failedRedirect: 'The connection could not be completed. Go back and try again.',
};

/** English, built in: the default of every widget. */
export const en: Messages = {
  locale: 'en',
  dir: 'ltr',
  status: enStatus,
  reconnect: enReconnect,
  outcomes: enOutcomes,
  sync: enSync,
  list: enList,
  reconnectPage: enReconnectPage,
  callback: enCallback,
};
