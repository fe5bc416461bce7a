import type { HealthSource } from '@makini-kit/core';
import { useId, useRef } from 'react';
import type { ConnectionListReconnectOptions } from '../ConnectionList.js';
import { ConnectionStatus } from '../ConnectionStatus.js';
import { defined } from '../defined.js';
import type { Messages } from '../messages/Messages.js';
import { ReconnectButton } from '../ReconnectButton.js';
import { useConnectionHealth } from '../useConnectionHealth.js';
import type { ReconnectOptions, ReconnectOutcome } from '../useReconnect.js';
import type { ConnectionListItem } from './ConnectionListItem.js';
import { DisconnectConfirm } from './DisconnectConfirm.js';
import { LastSyncCell } from './LastSyncCell.js';
import type { Disconnect } from './useDisconnect.js';

/** Where a row's disconnect is. */
export type DisconnectPhase = 'idle' | 'confirming' | 'disconnecting' | 'failed';

export interface ConnectionRowProps {
  connection: ConnectionListItem;
  text: Messages['list'];
  health: HealthSource | undefined;
  locale: string;
  reconnect: ConnectionListReconnectOptions | undefined;
  /** The list's disconnect flow; absent: no Disconnect button. */
  disconnect: Disconnect | undefined;
}

/** One connection: name and system (the row's header), status, last sync, Reconnect, Disconnect. */
export function ConnectionRow({
  connection,
  text,
  health: source,
  locale,
  reconnect,
  disconnect: flow,
}: ConnectionRowProps) {
  const id = useId();
  const disconnect = useRef<HTMLButtonElement | null>(null);
  const health = useConnectionHealth(connection.id, source);
  const phase = flow?.phaseOf(connection.id) ?? 'idle';
  const confirming = phase !== 'idle';
  const { onResult, ...options } = reconnect ?? {};
  const rowOptions: ReconnectOptions = defined({
    health: source,
    ...options,
    platform: options.platform ?? connection.platform,
    onResult: onResult && ((outcome: ReconnectOutcome) => onResult(outcome, connection)),
  });
  return (
    <>
      <tr
        data-part="row"
        data-connection-id={connection.id}
        data-state={health.state}
        data-disconnect={phase}
      >
        <th scope="row" id={`${id}-name`} data-part="name">
          <span data-part="connection-name">{connection.name}</span>
          {connection.system ? <span data-part="system">{connection.system}</span> : null}
        </th>
        <td data-part="status">
          <ConnectionStatus
            connectionId={connection.id}
            variant="inline"
            locale={locale}
            {...(source ? { health: source } : {})}
          >
            {({ label, errorRate }) => {
              const detail =
                health.state === 'reauthorization_required' || health.state === 'disconnected'
                  ? health.reason
                  : errorRate;
              return (
                <>
                  <span data-part="indicator" aria-hidden="true" />
                  <span data-part="label">{label}</span>
                  {detail ? <span data-part="detail">{detail}</span> : null}
                </>
              );
            }}
          </ConnectionStatus>
        </td>
        <td data-part="last-sync">
          <LastSyncCell connectionId={connection.id} health={source} locale={locale} />
        </td>
        <td data-part="actions">
          <ReconnectButton
            {...rowOptions}
            connectionId={connection.id}
            aria-describedby={`${id}-name`}
            data-priority={health.state === 'reauthorization_required' ? 'primary' : 'secondary'}
          />
          {flow ? (
            <button
              ref={(element) => {
                disconnect.current = element;
                flow.registerFocus(connection.id, element);
              }}
              type="button"
              data-part="disconnect"
              aria-describedby={`${id}-name`}
              aria-expanded={confirming}
              aria-controls={confirming ? `${id}-confirm` : undefined}
              onClick={() =>
                confirming ? phase !== 'disconnecting' && flow.cancel() : flow.ask(connection.id)
              }
            >
              {text.disconnect}
            </button>
          ) : null}
        </td>
      </tr>
      {confirming ? (
        <tr data-part="confirm-row" id={`${id}-confirm`}>
          <td colSpan={4}>
            <DisconnectConfirm
              name={connection.name}
              text={text}
              busy={phase === 'disconnecting'}
              failed={phase === 'failed'}
              onConfirm={() => void flow?.confirm(connection)}
              onCancel={() => {
                flow?.cancel();
                disconnect.current?.focus();
              }}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
