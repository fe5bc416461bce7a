'use client';

import {
  ConnectionStatus,
  type ExchangeAnswer,
  outcomeText,
  ReconnectButton,
  type ReconnectOutcome,
  useMessages,
} from '@makini-kit/react';
import { useState } from 'react';

/**
 * Sends the Link code to this app's exchange route and hands back its answer (the connection and
 * its health after the exchange), which confirms the reconnect at once. A refusal rejects.
 */
export async function exchangeOnServer(
  code: string,
  state: string,
  connectionId?: string,
): Promise<ExchangeAnswer> {
  const response = await fetch('/api/makini/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, state, connectionId }),
  });
  if (!response.ok) throw new Error(`The exchange failed with ${response.status}.`);
  return (await response.json()) as ExchangeAnswer;
}

/**
 * The part of a row that needs the browser: the reconnect button's handlers are functions, which
 * cannot cross from a Server Component. The status reads the provider's health.
 */
export function ConnectionRow({ connectionId }: { connectionId: string }) {
  const messages = useMessages();
  const [outcome, setOutcome] = useState<ReconnectOutcome>();
  return (
    <>
      <ConnectionStatus connectionId={connectionId} variant="card" />
      <ReconnectButton
        connectionId={connectionId}
        exchange={({ code, state }) => exchangeOnServer(code, state, connectionId)}
        onResult={setOutcome}
      />
      <p aria-live="polite" data-outcome={outcome?.type}>
        {outcome ? outcomeText(outcome, messages) : null}
      </p>
    </>
  );
}
