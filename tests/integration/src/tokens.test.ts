import { inspect } from 'node:util';
import {
  AuthenticationError,
  clientCredentials,
  exchangeCode,
  LinkError,
  MakiniClient,
  MakiniError,
  ReauthorizationRequiredError,
  RequestLog,
  refreshToken,
  TimeoutError,
  TokenManager,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkCode } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20, expiresInFormat: 'epoch-string' });
});
afterAll(() => sandbox.close());

const secrets = () => ({
  baseUrl: sandbox.url,
  clientId: DEFAULT_CLIENT.id,
  clientSecret: DEFAULT_CLIENT.secret,
});

async function link(index: number) {
  const connection = sandbox.admin.connections()[index];
  if (!connection) throw new Error('no connection');
  const callback = await linkCode(sandbox, connection);
  const tokens = await exchangeCode({
    ...secrets(),
    code: callback.searchParams.get('code') ?? '',
    redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
  });
  return { connection, tokens };
}

describe('exchangeCode', () => {
  it('normalizes an epoch-string expires_in to an absolute expiry', async () => {
    const { tokens } = await link(0);
    expect(typeof tokens.expires_in).toBe('string');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(tokens.expiresAt).toBeLessThan(Date.now() + 31 * 86_400_000);
  });

  it('refuses to send the client secret from a browser context', async () => {
    const global = globalThis as { window?: unknown; document?: unknown };
    global.window = {};
    global.document = {};
    try {
      const error = await clientCredentials(secrets()).catch((caught: unknown) => caught);
      expect(MakiniError.is(error) && error.code).toBe('SECRET_IN_BROWSER');
      expect(LinkError.is(error)).toBe(true);
    } finally {
      delete global.window;
      delete global.document;
    }
    expect(
      sandbox.admin
        .requests()
        .some((entry) => entry.path.startsWith('/link/token') && entry.status === 0),
    ).toBe(false);
  });
});

describe('TokenManager', () => {
  it('refreshes once for 50 concurrent callers, and the new token works', async () => {
    const { tokens, connection } = await link(1);
    let refreshes = 0;
    const manager = new TokenManager({
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: Date.now() - 1000,
      },
      refresh: (token) => {
        refreshes++;
        return refreshToken({ ...secrets(), refreshToken: token });
      },
      connectionKey: connection.connectionKey,
    });
    const handed = await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
    expect(refreshes).toBe(1);
    expect(new Set(handed).size).toBe(1);
    expect(handed[0]).not.toBe(tokens.access_token);
    const client = new MakiniClient({ baseUrl: sandbox.url, getToken: manager.getToken });
    expect((await client.integrations.current()).id).toBe(connection.connectionKey);
    expect(await manager.getToken()).toBe(handed[0]);
    expect(refreshes).toBe(1);
  });

  it('turns a refused refresh into ReauthorizationRequiredError for the connection', async () => {
    const { tokens, connection } = await link(2);
    sandbox.admin.rotateCredentials(connection.connectionKey);
    const manager = new TokenManager({
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: 0,
      },
      refresh: (token) => refreshToken({ ...secrets(), refreshToken: token }),
      connectionKey: connection.connectionKey,
    });
    const errors = await Promise.all(
      Array.from({ length: 5 }, () => manager.getToken().catch((caught: unknown) => caught)),
    );
    for (const error of errors) {
      expect(ReauthorizationRequiredError.is(error)).toBe(true);
      expect((error as ReauthorizationRequiredError).connectionKey).toBe(connection.connectionKey);
    }
  });
});

describe('redaction', () => {
  it('never prints a token, a client secret or a code in logs, hooks, errors or inspect output', async () => {
    const connection = sandbox.admin.connections()[3];
    if (!connection) throw new Error('no connection');
    const callback = await linkCode(sandbox, connection);
    const code = callback.searchParams.get('code') ?? '';
    const tokens = await exchangeCode({
      ...secrets(),
      code,
      redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
    });
    const printed: string[] = [];
    const capture = (...values: unknown[]) =>
      printed.push(
        values
          .map((value) => (typeof value === 'string' ? value : inspect(value, { depth: 5 })))
          .join(' '),
      );
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      token: tokens.access_token,
      maxRetries: 1,
      backoff: { initialDelayMs: 1 },
      hooks: { onRequest: capture, onResponse: capture, onError: capture },
    });
    await client.purchaseOrders.list({ perPage: 2 });
    sandbox.admin.addFault({ route: '/api/', kind: 'error', status: 500, times: 2 });
    const serverError = await client.integrations.current().catch((caught: unknown) => caught);
    await client.request({
      method: 'GET',
      path: '/api/erp/purchase-orders',
      query: { code, token: tokens.access_token },
    });
    const replay = await exchangeCode({
      ...secrets(),
      code,
      redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
    }).catch((caught: unknown) => caught);
    const unreachable = await new MakiniClient({
      baseUrl: 'http://127.0.0.1:1',
      token: tokens.access_token,
      maxRetries: 0,
    }).integrations
      .current()
      .catch((caught: unknown) => caught);
    for (const error of [serverError, replay, unreachable]) {
      capture(error);
      printed.push(
        String(error),
        JSON.stringify(error),
        (error as Error).message,
        (error as Error).stack ?? '',
      );
    }
    printed.push(JSON.stringify(client.requestLog.list()), inspect(client, { depth: 3 }));
    const all = printed.join('\n');
    expect(all).toContain('[redacted]');
    for (const secret of [
      tokens.access_token,
      tokens.refresh_token ?? 'no refresh token!',
      DEFAULT_CLIENT.secret,
      code,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('token endpoint calls share the client transport', () => {
  it('time out, carry the request id, and reach the request log and hooks', async () => {
    sandbox.admin.addFault({ route: '/link/token', kind: 'latency', latencyMs: 1500, times: 1 });
    const log = new RequestLog();
    const seen: string[] = [];
    const timeout = await clientCredentials({
      ...secrets(),
      timeoutMs: 100,
      requestLog: log,
      hooks: { onError: (entry) => seen.push(`${entry.path} ${entry.error.code}`) },
    }).catch((caught: unknown) => caught);
    expect(TimeoutError.is(timeout)).toBe(true);
    expect(seen).toEqual(['/link/token TIMEOUT']);

    const refused = await clientCredentials({
      ...secrets(),
      clientSecret: 'sbx_secret_wrong_but_long_enough',
      requestLog: log,
    }).catch((caught: unknown) => caught);
    expect(AuthenticationError.is(refused)).toBe(true);
    expect((refused as AuthenticationError).code).toBe('invalid_client');
    const served = sandbox.admin
      .requests()
      .filter((entry) => entry.path === '/link/token')
      .at(-1);
    expect((refused as AuthenticationError).requestId).toBe(served?.requestId);

    await clientCredentials({ ...secrets(), requestLog: log });
    expect(log.list().map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ['POST', '/link/token', undefined],
      ['POST', '/link/token', 401],
      ['POST', '/link/token', 200],
    ]);
    expect(log.list()[2]?.requestId).toMatch(/^req_/);
    const printed = JSON.stringify(log.list()) + String(refused) + JSON.stringify(refused);
    expect(printed).not.toContain(DEFAULT_CLIENT.secret);
    expect(printed).not.toContain('sbx_secret_wrong_but_long_enough');
  });
});

describe('TokenManager redaction', () => {
  it('never reveals its tokens through inspect, JSON or String, nor in its errors', async () => {
    const { tokens, connection } = await link(0);
    const accessToken = tokens.access_token;
    const refresh = tokens.refresh_token ?? 'no refresh token!';
    const manager = new TokenManager({
      tokens: { accessToken, refreshToken: refresh, expiresAt: Date.now() + 3_600_000 },
      refresh: (token) => refreshToken({ ...secrets(), refreshToken: token }),
      connectionKey: connection.connectionKey,
    });
    expect(await manager.getToken()).toBe(accessToken);
    // Rotate out-of-band, so that the manager's own refresh is refused and throws.
    await refreshToken({ ...secrets(), refreshToken: refresh });
    const failed = await manager.refreshNow().catch((caught: unknown) => caught);
    expect(ReauthorizationRequiredError.is(failed)).toBe(true);

    const printed = [
      inspect(manager, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(manager),
      String(manager),
      `${manager}`,
      inspect({ nested: { manager } }, { depth: Number.POSITIVE_INFINITY }),
      inspect(failed, { depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(failed),
      String(failed),
      (failed as Error).stack ?? '',
    ].join('\n');
    expect(printed).toContain('TokenManager');
    expect(printed).toContain('[redacted]');
    for (const secret of [accessToken, refresh, DEFAULT_CLIENT.secret]) {
      expect(printed).not.toContain(secret);
    }
    // What a caller persists is still there on purpose.
    expect(manager.current.accessToken).toBe(accessToken);
  });
});
