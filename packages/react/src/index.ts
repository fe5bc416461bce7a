/**
 * The widgets and their hooks, as Client Components: `MakiniProvider`, `ConnectionStatus`,
 * `ReconnectButton`, `ConnectionList`, `SyncStatus`, `ReconnectPage`, `LinkCallback`.
 *
 * @module @makini-kit/react
 * @mergeModuleWith <project>
 */

// The browser Link flow lives in core (any framework can run it); the widgets' users import
// its types and callback-page helpers from here as before.
export {
  type ConnectOutcome,
  completeLink,
  type ExchangeAnswer,
  type LinkCompletion,
  ReconnectFailureCode,
  type ReconnectOutcome,
  returnFromLink,
} from '@makini-kit/core';
export {
  ConnectionList,
  type ConnectionListProps,
  type ConnectionListReconnectOptions,
} from './ConnectionList.js';
export {
  ConnectionStatus,
  type ConnectionStatusProps,
  type ConnectionStatusRenderProps,
} from './ConnectionStatus.js';
export type { ConnectionListItem } from './connectionList/ConnectionListItem.js';
export { LinkCallback, type LinkCallbackProps } from './LinkCallback.js';
export { DEFAULT_LABELS, type StatusLabels } from './labels.js';
export { type LinkSettings, MakiniProvider, type MakiniProviderProps } from './MakiniProvider.js';
export { en } from './messages/en.js';
export type { Messages, ReconnectLinkRefusal, ReconnectStateLabel } from './messages/Messages.js';
export { outcomeText } from './messages/outcomeText.js';
export { type PluralForms, plural } from './messages/plural.js';
export { useMessages } from './messages/useMessages.js';
export { ReconnectButton, type ReconnectButtonProps } from './ReconnectButton.js';
export { ReconnectPage, type ReconnectPageProps } from './ReconnectPage.js';
export { SyncStatus, type SyncStatusProps } from './SyncStatus.js';
export { type ConnectOptions, type UseConnect, useConnect } from './useConnect.js';
export { useConnectionHealth } from './useConnectionHealth.js';
export {
  type LinkCode,
  type LinkFlowOptions,
  type ReconnectCode,
  type ReconnectEvent,
  type ReconnectOptions,
  type ReconnectState,
  type UseReconnect,
  useReconnect,
} from './useReconnect.js';
