import type { HealthSource } from '@makini-kit/core';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Messages } from './messages/Messages.js';

/** Where Link sends the customer and back; no secret here, only what a browser may know. */
export interface LinkSettings {
  clientId: string;
  /** A page of your app that renders `<LinkCallback />` (same origin as the page with the button). */
  redirectUri: string;
  /** @default 'https://link.makini.io' */
  linkUrl?: string;
}

interface MakiniContextValue {
  health?: HealthSource | undefined;
  link?: LinkSettings | undefined;
  messages?: Messages | undefined;
}

const MakiniContext = createContext<MakiniContextValue>({});

export interface MakiniProviderProps {
  /** `createRemoteHealthSource({ url })` in a browser, or a `ConnectionHealthMonitor` on a server. */
  health?: HealthSource;
  link?: LinkSettings;
  /**
   * The widgets' language: a `Messages` object from `@makini-kit/react/locales` (`de`, `fr`, …).
   * @default en
   * @example
   * import { de } from '@makini-kit/react/locales';
   * <MakiniProvider health={health} messages={de}>…</MakiniProvider>
   */
  messages?: Messages;
  children?: ReactNode;
}

/**
 * Gives the widgets below it their health source and Link settings. Optional: every hook and
 * component also takes them as props.
 *
 * @example
 * const health = createRemoteHealthSource({ url: '/api/health' });
 * <MakiniProvider health={health} link={{ clientId, redirectUri: `${location.origin}/link/callback` }}>…</MakiniProvider>
 */
export function MakiniProvider({ health, link, messages, children }: MakiniProviderProps) {
  const value = useMemo(() => ({ health, link, messages }), [health, link, messages]);
  return <MakiniContext.Provider value={value}>{children}</MakiniContext.Provider>;
}

export function useMakiniContext(): MakiniContextValue {
  return useContext(MakiniContext);
}
