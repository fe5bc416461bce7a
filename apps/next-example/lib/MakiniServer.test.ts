import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { submitConsent } from '@makini-kit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '../app/api/makini/exchange/route';
import { MakiniServer, makiniServer } from './MakiniServer';
import type { MakiniConfig } from './makiniConfig';
import { WrongConnectionError } from './WrongConnectionError';

const APP_URL = 'http://app.test';
let sandbox: Sandbox;
let proxy: Server;
let proxyUrl: string;

/**
 * Makini's published token answer has no `connection_id` (the sandbox adds one): this proxy in
 * front of the sandbox drops it from every `/link/token` answer.
 */
function startProxy(target: string): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const forward = httpRequest(
      new URL(incoming.url ?? '/', target),
      // The sandbox answers only requests addressed to its own host.
      { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } },
      async (answer) => {
        const chunks: Buffer[] = [];
        for await (const chunk of answer) chunks.push(chunk as Buffer);
        let body = Buffer.concat(chunks).toString();
        if (incoming.url?.startsWith('/link/token') && answer.statusCode === 200) {
          const { connection_id: _, ...rest } = JSON.parse(body) as Record<string, unknown>;
          body = JSON.stringify(rest);
        }
        outgoing.writeHead(answer.statusCode ?? 502, {
          'content-type': answer.headers['content-type'] ?? 'application/json',
        });
        outgoing.end(body);
      },
    );
    incoming.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A Link code for `account`, as the consent page redirects with it. */
async function codeFor(
  baseUrl: string,
  account: { platform: string; username: string; password: string },
) {
  const { location } = await submitConsent(
    { baseUrl, clientId: DEFAULT_CLIENT.id, redirectUri: `${APP_URL}/link/callback` },
    account,
  );
  const code = location?.searchParams.get('code');
  if (!code) throw new Error(`no code for ${account.username}: ${location}`);
  return code;
}

const tokenOf = (server: MakiniServer, connectionId: string) =>
  (server as unknown as { tokens: Map<string, string> }).tokens.get(connectionId);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 2 });
  sandbox.admin.addRedirectUri(DEFAULT_CLIENT.id, `${APP_URL}/link/callback`);
  proxy = await startProxy(sandbox.url);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    MAKINI_URL: sandbox.url,
    MAKINI_CLIENT_ID: DEFAULT_CLIENT.id,
    MAKINI_CLIENT_SECRET: DEFAULT_CLIENT.secret,
    MAKINI_WEBHOOK_SECRET: 'whsec_bmV4dC1leGFtcGxlLXVuaXQtdGVzdHMtc2VjcmV0IQ==',
    APP_URL,
  });
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await sandbox?.close();
});

const exchange = (body: Record<string, unknown>) =>
  POST(
    new Request(`${APP_URL}/api/makini/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('the Link code exchange', () => {
  it('refuses with 409 a code that signed in to another connection than the one requested, keeping its token', async () => {
    const server = makiniServer();
    const [victim, other] = await server.connections();
    if (!victim || !other) throw new Error('the sandbox has fewer than two connections');
    const before = tokenOf(server, victim.key);
    const account = sandbox.admin.connections().find((entry) => entry.connectionKey === other.key);
    if (!account) throw new Error('the sandbox lost a connection');

    const response = await exchange({
      code: await codeFor(sandbox.url, account),
      state: 's',
      connectionId: victim.key,
    });

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'WRONG_CONNECTION' } });
    expect(tokenOf(server, victim.key)).toBe(before);
  });

  it('reconnects the requested connection when the token answer names it', async () => {
    const server = makiniServer();
    const [victim] = await server.connections();
    const account = sandbox.admin
      .connections()
      .find((entry) => entry.connectionKey === victim?.key);
    if (!victim || !account) throw new Error('the sandbox has no connection');

    const response = await exchange({
      code: await codeFor(sandbox.url, account),
      state: 's',
      connectionId: victim.key,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      connectionId: victim.key,
      health: { state: 'healthy' },
    });
  });

  it("resolves the connection from integrations.current when the token answer names none (Makini's published answer): the requested one is reconnected, another refused with 409", async () => {
    const config: MakiniConfig = {
      makiniUrl: proxyUrl,
      clientId: DEFAULT_CLIENT.id,
      clientSecret: DEFAULT_CLIENT.secret,
      webhookSecret: 'unused',
      appUrl: APP_URL,
    };
    const server = new MakiniServer(config);
    const [victim, other] = sandbox.admin.connections();
    if (!victim || !other) throw new Error('the sandbox has fewer than two connections');

    const reconnected = await server.exchange({
      code: await codeFor(sandbox.url, victim),
      connectionId: victim.connectionKey,
    });
    expect(reconnected).toMatchObject({
      connectionId: victim.connectionKey,
      health: { state: 'healthy' },
    });
    const kept = tokenOf(server, victim.connectionKey);
    expect(kept).toBeDefined();

    const refused = await server
      .exchange({ code: await codeFor(sandbox.url, other), connectionId: victim.connectionKey })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WrongConnectionError);
    expect(refused).toMatchObject({ code: 'WRONG_CONNECTION' });
    expect(tokenOf(server, victim.connectionKey)).toBe(kept);
    expect(tokenOf(server, other.connectionKey)).toBeUndefined();

    // A new connection (no connection asked for) takes the key Makini names.
    const connected = await server.exchange({ code: await codeFor(sandbox.url, other) });
    expect(connected.connectionId).toBe(other.connectionKey);
    await server.monitor.dispose();
  });
});
