import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionListItem } from './ConnectionListItem.js';
import type { DisconnectPhase } from './ConnectionRow.js';
import { nextFocus } from './nextFocus.js';

/**
 * Focus moves in the commit that removes the row, before the browser paints and before the
 * removal is announced: never a moment on `<body>`. (Nothing to focus on the server, where React 18
 * warns about layout effects.)
 */
const useFocusEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

export interface UseDisconnectInput {
  connections: readonly ConnectionListItem[] | undefined;
  onDisconnect: ((connection: ConnectionListItem) => Promise<void>) | undefined;
  /** Called once the disconnect resolved and the row went. */
  onDisconnected: (connection: ConnectionListItem) => void;
}

/** What each row uses of the list's disconnect flow. */
export interface Disconnect {
  /** The shown connections: those given, less the ones removed here. */
  visible: ConnectionListItem[] | undefined;
  phaseOf: (connectionId: string) => DisconnectPhase;
  /** Opens the row's confirmation. */
  ask: (connectionId: string) => void;
  cancel: () => void;
  confirm: (connection: ConnectionListItem) => Promise<void>;
  /** Keeps the row's Disconnect button where focus can move to it after a removal. */
  registerFocus: (connectionId: string, element: HTMLElement | null) => void;
  /** Where focus goes when no row is left; read after the removal has rendered. */
  fallback: { current: () => HTMLElement | null };
}

/**
 * The list's disconnect flow: which row is confirming or running, the rows removed (hidden at once,
 * whether or not the host's `connections` change), and where focus goes after a removal: the next
 * row's Disconnect, else the one before, else `fallback()` ("Connect a new system" or the empty text).
 */
export function useDisconnect({
  connections,
  onDisconnect,
  onDisconnected,
}: UseDisconnectInput): Disconnect {
  const [removed, setRemoved] = useState<ReadonlySet<string>>(() => new Set());
  const [current, setCurrent] = useState<
    { id: string; phase: Exclude<DisconnectPhase, 'idle'> } | undefined
  >();
  const [focusRequest, setFocusRequest] = useState<{ target: string } | undefined>();
  const focusable = useRef(new Map<string, HTMLElement>());
  const fallback = useRef<() => HTMLElement | null>(() => null);

  const visible = connections?.filter((connection) => !removed.has(connection.id));
  const visibleIds = useRef<string[]>([]);
  visibleIds.current = visible?.map((connection) => connection.id) ?? [];

  // Forget removals the host has caught up with, so a connection added again later shows.
  useEffect(() => {
    if (!connections || removed.size === 0) return;
    const present = new Set(connections.map((connection) => connection.id));
    if ([...removed].some((removedId) => !present.has(removedId))) {
      setRemoved(new Set([...removed].filter((removedId) => present.has(removedId))));
    }
  }, [connections, removed]);

  useFocusEffect(() => {
    if (!focusRequest) return;
    const element = focusable.current.get(focusRequest.target) ?? fallback.current();
    element?.focus();
  }, [focusRequest]);

  const confirm = async (connection: ConnectionListItem) => {
    if (!onDisconnect) return;
    const before = visibleIds.current;
    setCurrent({ id: connection.id, phase: 'disconnecting' });
    try {
      await onDisconnect(connection);
    } catch {
      // Said by the confirmation's own alert; it stays open to try again.
      setCurrent({ id: connection.id, phase: 'failed' });
      return;
    }
    setRemoved((previous) => new Set(previous).add(connection.id));
    setCurrent(undefined);
    setFocusRequest({ target: nextFocus(before, connection.id, visibleIds.current) ?? '' });
    onDisconnected(connection);
  };

  const registerFocus = useCallback((connectionId: string, element: HTMLElement | null) => {
    if (element) focusable.current.set(connectionId, element);
    else focusable.current.delete(connectionId);
  }, []);

  return {
    visible,
    phaseOf: (connectionId: string): DisconnectPhase =>
      current?.id === connectionId ? current.phase : 'idle',
    ask: (connectionId: string) => setCurrent({ id: connectionId, phase: 'confirming' }),
    cancel: () => setCurrent(undefined),
    confirm,
    registerFocus,
    fallback,
  };
}
