import type { ConnectionHealth } from '@makini-kit/core';
import type { ExchangeAnswer } from '@makini-kit/react';
import { api } from './api.js';

/** What the back end's exchange routes answer: the connection, and its health right after. */
interface Exchanged {
  data: { key: string; name: string; connectionId: string; health?: ConnectionHealth };
}

const answerOf = ({ data }: Exchanged): ExchangeAnswer => ({
  connectionId: data.connectionId,
  ...(data.health ? { health: data.health } : {}),
});

/**
 * Sends a Link code to the back end, which exchanges it (a reconnect when `connectionId` is given,
 * a new system otherwise) and answers the connection's health, so the widget confirms at once.
 */
export const exchangeCode = async ({
  code,
  connectionId,
}: {
  code: string;
  connectionId?: string | undefined;
}): Promise<ExchangeAnswer> =>
  answerOf(
    await api<Exchanged>('/api/link/exchange', {
      method: 'POST',
      body: JSON.stringify({ code, ...(connectionId ? { connectionId } : {}) }),
    }),
  );

/** The reconnect page's exchange: the back end redeems the link, then exchanges the code. */
export const exchangeWithLink = async (input: {
  code: string;
  connectionId: string;
  token: string;
}): Promise<ExchangeAnswer> =>
  answerOf(
    await api<Exchanged>('/api/reconnect-links/exchange', {
      method: 'POST',
      body: JSON.stringify({
        code: input.code,
        connectionId: input.connectionId,
        token: input.token,
      }),
    }),
  );

/** Asks the back end whether a reconnect link is good, without using it up. */
export const verifyLink = async (token: string) =>
  (
    await api<{ data: { connectionId: string; system: string } }>('/api/reconnect-links/verify', {
      method: 'POST',
      body: JSON.stringify({ token }),
    })
  ).data;
