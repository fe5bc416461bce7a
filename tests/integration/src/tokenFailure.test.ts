import {
  ConnectionError,
  ConnectionHealthMonitor,
  exchangeCode,
  MakiniClient,
  MakiniError,
  ReauthorizationRequiredError,
  refreshToken,
  TokenManager,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkCode } from './helpers.js';

let sandbox: Sandbox;
let monitor: ConnectionHealthMonitor;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20 });
  monitor = new ConnectionHealthMonitor({ pollIntervalMs: 60_000 });
});
afterEach(async () => {
  monitor.dispose();
  await sandbox.close();
});

const secrets = () => ({
  baseUrl: sandbox.url,
  clientId: DEFAULT_CLIENT.id,
  clientSecret: DEFAULT_CLIENT.secret,
});

const tokenCalls = () =>
  sandbox.admin.requests().filter((entry) => entry.path.startsWith('/link/token')).length;

describe('a token failure on the health path', () => {
  it('does not retry a token failure as a network error', async () => {
    const connection = sandbox.admin.connections()[0];
    if (!connection) throw new Error('no connection');
    const callback = await linkCode(sandbox, connection);
    const tokens = await exchangeCode({
      ...secrets(),
      code: callback.searchParams.get('code') ?? '',
      redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
    });
    // Another replica refreshed first: refresh tokens rotate, so the one this app holds is dead.
    await refreshToken({ ...secrets(), refreshToken: tokens.refresh_token ?? '' });

    const manager = new TokenManager({
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: Date.now() - 1000,
      },
      refresh: (token) => refreshToken({ ...secrets(), refreshToken: token }),
      connectionKey: connection.connectionKey,
    });
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      getToken: manager.getToken,
      connectionKey: connection.connectionKey,
      maxRetries: 2,
      backoff: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    monitor.track(connection.connectionKey, client);
    const before = tokenCalls();

    const error = await client.purchaseOrders.list().catch((caught: unknown) => caught);

    expect(ConnectionError.is(error)).toBe(false);
    expect(ReauthorizationRequiredError.is(error)).toBe(true);
    expect((error as ReauthorizationRequiredError).connectionKey).toBe(connection.connectionKey);
    expect(tokenCalls() - before).toBe(1);
    expect(monitor.get(connection.connectionKey)?.state).toBe('reauthorization_required');
    // No API call was made with a token that could not be had.
    expect(
      sandbox.admin.requests().filter((entry) => entry.path.startsWith('/api/erp/')),
    ).toHaveLength(0);
  });

  it('ends the call at once when getToken fails with an error of its own', async () => {
    let asked = 0;
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      getToken: () => {
        asked++;
        throw new Error('the token store is unreachable');
      },
      maxRetries: 2,
      backoff: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    const before = sandbox.admin.requests().length;
    const error = await client.integrations.current().catch((caught: unknown) => caught);
    expect(MakiniError.is(error) && error.code).toBe('TOKEN_UNAVAILABLE');
    expect((error as MakiniError).message).toMatch(/token store is unreachable/);
    expect(asked).toBe(1);
    expect(sandbox.admin.requests().length).toBe(before);
    expect(client.requestLog.list().map((entry) => entry.error?.code)).toEqual([
      'TOKEN_UNAVAILABLE',
    ]);
  });
});
