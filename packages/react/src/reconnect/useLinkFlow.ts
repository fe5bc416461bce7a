import {
  type LinkFlow,
  type LinkFlowOutcome,
  type ReconnectCode,
  type ReconnectState,
  startLinkFlow,
} from '@makini-kit/core';
import { checkTimings } from '@makini-kit/core/internal';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMakiniContext } from '../MakiniProvider.js';
import type { LinkFlowOptions } from './LinkFlowOptions.js';

type FlowOptions = LinkFlowOptions<LinkFlowOutcome, ReconnectCode> & {
  force?: boolean;
  bound?: boolean;
};

/** What `useReconnect` and `useConnect` share: state, the last outcome and one run at a time. */
export interface LinkFlowHandle {
  state: ReconnectState;
  error: unknown;
  outcome: LinkFlowOutcome | undefined;
  run: () => Promise<LinkFlowOutcome>;
  /** `run()` without the promise. */
  start: () => void;
  reset: () => void;
}

export function useLinkFlow(
  kind: 'reconnect' | 'connect',
  connectionId: string | undefined,
  options: FlowOptions,
): LinkFlowHandle {
  checkTimings(options);
  const context = useMakiniContext();
  const [state, setState] = useState<ReconnectState>('idle');
  const [error, setError] = useState<unknown>(undefined);
  const [outcome, setOutcome] = useState<LinkFlowOutcome | undefined>(undefined);
  const latest = useRef(options);
  latest.current = options;
  const flow = useRef<LinkFlow | undefined>(undefined);
  /** The popup was blocked and continuing in this tab was offered: the next run redirects. */
  const offered = useRef(false);

  useEffect(() => () => flow.current?.abort(), []);

  const run = useCallback(() => {
    const running = flow.current;
    if (running && !running.settled) {
      running.focus();
      return running.promise;
    }
    const redirectNow = offered.current;
    offered.current = false;
    setError(undefined);
    const started = startLinkFlow({
      kind,
      connectionId,
      options: () => latest.current,
      link: latest.current.link ?? context.link,
      health: latest.current.health ?? context.health,
      redirectNow,
      // The flow also sets the state each outcome leaves, and sends its `success`/`error` event.
      onStateChange: setState,
      onOutcome: (result) => {
        offered.current = result.type === 'popup_blocked' && result.fallback === 'offered';
        setOutcome(result);
        const callbacks = latest.current;
        if (result.type === 'failed') {
          setError(result.error);
          callbacks.onError?.(result.error);
        } else if (result.type === 'cancelled') {
          callbacks.onExit?.(result.reason);
        }
        callbacks.onResult?.(result);
      },
    });
    flow.current = started;
    return started.promise;
  }, [kind, connectionId, context.link, context.health]);

  const reset = useCallback(() => {
    flow.current?.abort();
    offered.current = false;
    setError(undefined);
    setOutcome(undefined);
    setState('idle');
  }, []);

  return { state, error, outcome, run, start: () => void run(), reset };
}
