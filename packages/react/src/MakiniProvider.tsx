import {
  createRemoteHealthSource,
  type HealthSnapshot,
  type HealthSource,
  type LinkSettings,
} from '@makini-kit/core';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { defined } from './defined.js';
import type { Messages } from './messages/Messages.js';

export type { LinkSettings };

interface MakiniContextValue {
  health?: HealthSource | undefined;
  link?: LinkSettings | undefined;
  messages?: Messages | undefined;
}

const MakiniContext = createContext<MakiniContextValue>({});

/** What `MakiniProvider` gives every widget under it. */
export interface MakiniProviderProps {
  /** `createRemoteHealthSource({ url })` in a browser, or a `ConnectionHealthMonitor` on a server. */
  health?: HealthSource;
  /**
   * Your back end's health route (served by `createHealthHandler`), instead of `health`: the
   * provider follows it with `createRemoteHealthSource`. A plain string, so a React Server
   * Component can render the provider without a client wrapper.
   * @example <MakiniProvider healthUrl="/api/makini/health" initialHealth={monitor.getSnapshot()}>
   */
  healthUrl?: string;
  /**
   * With `healthUrl`: the snapshot read on the server for this request, shown by the server HTML
   * and the first paint (no "Checking…"), then replaced by the live one. Plain JSON, as a Server
   * Component may pass it.
   * @default an empty snapshot: every connection `unknown` until the first answer
   */
  initialHealth?: HealthSnapshot;
  /** Link's settings for every `ReconnectButton`, `ConnectionList` and `useReconnect` under it. */
  link?: LinkSettings;
  /**
   * The widgets' language: a `Messages` object from `@makini-kit/react/locales` (`de`, `fr`, …).
   * @default en
   * @example
   * import { de } from '@makini-kit/react/locales';
   * <MakiniProvider health={health} messages={de}>…</MakiniProvider>
   */
  messages?: Messages;
  /** Your app, or the part of it with widgets. */
  children?: ReactNode;
}

/**
 * Gives the widgets below it their health source and Link settings. Optional: every hook and
 * component also takes them as props.
 *
 * @throws {TypeError} when given both `health` and `healthUrl`, or `initialHealth` without
 * `healthUrl`.
 * @example
 * const health = createRemoteHealthSource({ url: '/api/health' });
 * <MakiniProvider health={health} link={{ clientId, redirectUri: `${location.origin}/link/callback` }}>…</MakiniProvider>
 * @example
 * // app/layout.tsx, a React Server Component: every prop is plain data.
 * <MakiniProvider healthUrl="/api/makini/health" initialHealth={await readHealth()} link={link}>…</MakiniProvider>
 */
export function MakiniProvider({
  health,
  healthUrl,
  initialHealth,
  link,
  messages,
  children,
}: MakiniProviderProps) {
  if (health && healthUrl !== undefined) {
    throw new TypeError('MakiniProvider: pass `health` or `healthUrl`, not both.');
  }
  if (initialHealth && healthUrl === undefined) {
    throw new TypeError(
      'MakiniProvider: `initialHealth` goes with `healthUrl`; with `health`, pass `initialSnapshot` to createRemoteHealthSource.',
    );
  }
  // Created once per URL: the snapshot only seeds it, and a new object from every server render
  // of the same page must not restart the stream. Nothing connects until a widget subscribes,
  // which a server render never does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: initialHealth seeds the source once
  const remote = useMemo(
    () =>
      healthUrl === undefined
        ? undefined
        : createRemoteHealthSource(defined({ url: healthUrl, initialSnapshot: initialHealth })),
    [healthUrl],
  );
  const source = health ?? remote;
  const value = useMemo(() => ({ health: source, link, messages }), [source, link, messages]);
  return <MakiniContext.Provider value={value}>{children}</MakiniContext.Provider>;
}

export function useMakiniContext(): MakiniContextValue {
  return useContext(MakiniContext);
}
