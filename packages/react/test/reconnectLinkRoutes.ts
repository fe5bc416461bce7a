import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ConnectionHealthMonitor,
  exchangeCode,
  MakiniClient,
  ReconnectLinkError,
  ReconnectLinks,
} from '@makini-kit/core';
import type { Sandbox } from '@makini-kit/sandbox';
import { clientCredentialsToken } from '@makini-kit/test-utils';

/** What the routes need from the miniature back end. */
export interface ReconnectLinkBackend {
  sandbox: Sandbox;
  monitor: ConnectionHealthMonitor;
  secrets: { baseUrl: string; clientId: string; clientSecret: string };
  /** Headers every answer carries (CORS for the test page). */
  headers: Record<string, string>;
}

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length
    ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
    : {};
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The connection Makini names for fresh tokens: the token answer's `connection_id`, else the `id`
 * `integrations.current` answers to the new token (Makini's published token answer has none).
 */
async function connectionOf(
  baseUrl: string,
  accessToken: string,
  named: string | null | undefined,
) {
  if (named) return named;
  const client = new MakiniClient({ baseUrl, token: accessToken, maxRetries: 1 });
  try {
    return (await client.integrations.current()).id ?? undefined;
  } finally {
    client.close();
  }
}

/**
 * The host back end's side of `<ReconnectPage>`, for the browser test, as the React README shows it:
 * `ReconnectLinks` mints the link for the alert, verifies it when the page opens and again before
 * the code exchange, and redeems it once the exchange gave tokens of the link's connection.
 *
 * - `POST /reconnect-links/seed` → `{ connectionId, username, system }`: a connection of its own,
 *   watched by the monitor (so other tests' connection stays untouched)
 * - `POST /reconnect-links/mint` `{ connectionId, ttlMs? }` → `{ url, token, expiresAt }`
 * - `POST /reconnect-links/verify` `{ token, connectionId? }` → `{ connectionId, system }`, or 410
 *   `{ code }` for a refused link
 * - `POST /reconnect-links/exchange` `{ token, code, connectionId, redirectUri }` → `{ connectionId,
 *   health }`, 410 `{ code }` for a refused link, or 409 `{ code: 'LINK_WRONG_CONNECTION' }` when
 *   Makini names no connection or another one for the tokens; the link is redeemed only after
 *   that check, so a refused code or another connection's sign-in leaves it usable
 *
 * Answers `false` for any other request.
 */
export function reconnectLinkRoutes(backend: ReconnectLinkBackend) {
  const { sandbox, monitor, secrets, headers } = backend;
  const links = new ReconnectLinks({ secrets: [`test-reconnect-link-secret-${randomUUID()}`] });
  const send = (response: ServerResponse, status: number, body: unknown) =>
    void response
      .writeHead(status, { ...headers, 'content-type': 'application/json' })
      .end(JSON.stringify(body));
  const systemOf = (connectionId: string) =>
    sandbox.admin.connections().find((entry) => entry.connectionKey === connectionId)
      ?.platformName ?? '';

  const routes: Record<string, (body: Record<string, unknown>) => Promise<[number, unknown]>> = {
    seed: async () => {
      const login = `LINK_${randomUUID().slice(0, 8)}`;
      const system = new MakiniClient({
        baseUrl: secrets.baseUrl,
        token: await clientCredentialsToken(secrets),
      });
      const created = await system.connections.create({
        name: `Plant ${login}`,
        email: `it+${login}@plant.example`,
        provider: 'ibm-maximo',
        credentials: { login, password: `pw-${login}` },
      });
      const account = sandbox.admin.connections().find((entry) => entry.username === login);
      if (!account) throw new Error(`the sandbox did not list the connection of ${login}`);
      monitor.track(
        account.connectionKey,
        new MakiniClient({ baseUrl: secrets.baseUrl, token: created.access_token }),
      );
      await monitor.check();
      return [
        200,
        { connectionId: account.connectionKey, username: login, system: account.platformName },
      ];
    },
    mint: async (body) => {
      const ttlMs = typeof body.ttlMs === 'number' ? body.ttlMs : undefined;
      const minted = await links.create({
        connectionId: text(body.connectionId),
        url: 'http://app.example/reconnect',
        ...(ttlMs ? { ttlMs } : {}),
      });
      return [200, minted];
    },
    verify: async (body) => {
      const expected = text(body.connectionId);
      const claims = await links.verify(
        text(body.token),
        expected ? { connectionId: expected } : {},
      );
      return [200, { connectionId: claims.connectionId, system: systemOf(claims.connectionId) }];
    },
    // verify → exchange → the tokens are the link's connection's → redeem → keep: a code Makini
    // refuses leaves the link for another try, and the tokens of an exchange that loses the race to
    // redeem are dropped unkept.
    exchange: async (body) => {
      const connectionId = text(body.connectionId);
      await links.verify(text(body.token), { connectionId });
      const tokens = await exchangeCode({
        ...secrets,
        code: text(body.code),
        redirectUri: text(body.redirectUri),
      });
      // Only tokens Makini names the link's own connection for are kept: never the page's word.
      if (
        (await connectionOf(secrets.baseUrl, tokens.access_token, tokens.connection_id)) !==
        connectionId
      ) {
        return [409, { code: 'LINK_WRONG_CONNECTION' }];
      }
      await links.redeem(text(body.token), { connectionId });
      monitor.track(
        connectionId,
        new MakiniClient({ baseUrl: secrets.baseUrl, token: tokens.access_token }),
      );
      await monitor.check();
      return [200, { connectionId, health: monitor.getSnapshot().connections[connectionId] }];
    },
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith('/reconnect-links/')) return false;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...headers, 'access-control-allow-methods': 'POST' }).end();
      return true;
    }
    const route =
      request.method === 'POST' ? routes[path.slice('/reconnect-links/'.length)] : undefined;
    if (!route) {
      send(response, 404, { error: `No route ${request.method} ${path}.` });
      return true;
    }
    try {
      const [status, answer] = await route(await bodyOf(request));
      send(response, status, answer);
    } catch (error) {
      if (ReconnectLinkError.is(error)) send(response, 410, { code: error.code });
      else send(response, 502, { error: (error as Error).message });
    }
    return true;
  };
}
