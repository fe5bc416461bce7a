import type { ReconnectState } from '@makini-kit/core';
import { forwardRef } from 'react';
import { useMessages } from '../messages/useMessages.js';
import { type ConnectOptions, useConnect } from '../useConnect.js';

const BUSY: ReadonlySet<ReconnectState> = new Set([
  'opening',
  'waiting',
  'exchanging',
  'confirming',
]);

export interface ConnectNewButtonProps {
  options: ConnectOptions;
  label: string;
}

/**
 * "Connect a new system" running Link itself (`useConnect`): the popup opens inside the click; the
 * outcome goes to `options.onResult`. Its label shows the flow's progress while it runs.
 */
export const ConnectNewButton = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  ConnectNewButtonProps
>(function ConnectNewButton({ options, label }, ref) {
  const messages = useMessages();
  const flow = useConnect(options);
  const busy = BUSY.has(flow.state);
  return (
    <button
      ref={ref}
      type="button"
      data-part="connect-new"
      data-state={flow.state}
      aria-busy={busy}
      onClick={() => {
        if (!busy) flow.start();
      }}
    >
      {busy || flow.state === 'blocked' ? messages.reconnect.states[flow.state] : label}
    </button>
  );
});
