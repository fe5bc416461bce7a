/**
 * What a React Server Component may import without pulling client code in: the widgets' texts,
 * plural rules and types. No hook, no component, no `'use client'`: render the widgets from the
 * main entry (`@makini-kit/react`), whose exports are Client Components.
 *
 * @example
 * import { en, type Messages } from '@makini-kit/react/server';
 * export default function Page() {
 *   return <h1>{en.list.label}</h1>;
 * }
 *
 * @module server
 */
export type {
  ConnectionStatusProps,
  ConnectionStatusRenderProps,
} from './ConnectionStatus.js';
export { DEFAULT_LABELS, type StatusLabels } from './labels.js';
export type { LinkSettings, MakiniProviderProps } from './MakiniProvider.js';
export { en } from './messages/en.js';
export type { Messages, ReconnectLinkRefusal, ReconnectStateLabel } from './messages/Messages.js';
export { type PluralForms, plural } from './messages/plural.js';
export type { ReconnectButtonProps } from './ReconnectButton.js';
export type { ReconnectEvent, ReconnectOptions, ReconnectState } from './useReconnect.js';
