import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ConnectionHealthMonitor,
  exchangeCode,
  MakiniClient,
  MakiniError,
} from '@makini-kit/core';
import type { Sandbox } from '@makini-kit/sandbox';
import { clientCredentialsToken } from '@makini-kit/test-utils';

/** What the routes need from the miniature back end. */
export interface OutcomeBackend {
  sandbox: Sandbox;
  monitor: ConnectionHealthMonitor;
  secrets: { baseUrl: string; clientId: string; clientSecret: string };
  /** Headers every answer carries (CORS for the test page). */
  headers: Record<string, string>;
}

/**
 * The host back end's side of the reconnect-outcome browser tests. Every test gets a connection of
 * its own, so tests running at the same time never rotate each other's credentials.
 *
 * - `POST /outcomes/connection` → `{ connectionKey, platform, username, password }`: a new
 *   connection in the sandbox, watched by the health monitor
 * - `POST /outcomes/exchange` `{ code, redirectUri }` → `{ connectionId }` after exchanging the code
 *   and checking health once more (the page confirms through the health stream, not this answer);
 *   a refused exchange answers Makini's status and body with `x-request-id`, as a host back end
 *   passes the failure on
 *
 * Answers `false` for any other request.
 */
export function outcomeRoutes(backend: OutcomeBackend) {
  const { sandbox, monitor, secrets, headers } = backend;
  const send = (response: ServerResponse, status: number, body: unknown, extra = {}) =>
    void response
      .writeHead(status, {
        ...headers,
        ...extra,
        'content-type': 'application/json',
        'access-control-expose-headers': 'x-request-id',
      })
      .end(JSON.stringify(body));

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith('/outcomes/')) return false;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, headers).end();
      return true;
    }
    if (request.method === 'POST' && path === '/outcomes/connection') {
      const client = new MakiniClient({
        baseUrl: secrets.baseUrl,
        token: await clientCredentialsToken(secrets),
      });
      const login = `OUTCOME_${randomUUID().slice(0, 8)}`;
      const password = `pw-${login}`;
      const created = await client.connections.create({
        name: `Outcomes ${login}`,
        email: `it+${login}@site.example`,
        provider: 'sap-s4hana',
        credentials: { login, password },
      });
      const account = sandbox.admin.connections().find((entry) => entry.username === login);
      if (!account) throw new Error(`the sandbox did not list the connection of ${login}`);
      monitor.track(
        account.connectionKey,
        new MakiniClient({ baseUrl: secrets.baseUrl, token: created.access_token }),
      );
      await monitor.check();
      send(response, 200, {
        connectionKey: account.connectionKey,
        platform: account.platform,
        username: login,
        password,
      });
      return true;
    }
    if (request.method === 'POST' && path === '/outcomes/exchange') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const { code, redirectUri } = JSON.parse(Buffer.concat(chunks).toString()) as {
        code: string;
        redirectUri: string;
      };
      try {
        const tokens = await exchangeCode({ ...secrets, code, redirectUri });
        const connectionId = tokens.connection_id ?? '';
        monitor.track(
          connectionId,
          new MakiniClient({ baseUrl: secrets.baseUrl, token: tokens.access_token }),
        );
        await monitor.check();
        send(response, 200, { connectionId });
      } catch (error) {
        if (!MakiniError.is(error)) throw error;
        const status = (error as { status?: number }).status ?? 502;
        const requestId = error.requestId ?? '';
        // Passed on as Makini answered (the token endpoint's OAuth shape), with its request id.
        const body = (error as { body?: unknown }).body ?? {
          error: { code: error.code, message: error.message, request_id: requestId },
        };
        send(response, status, body, requestId ? { 'x-request-id': requestId } : {});
      }
      return true;
    }
    send(response, 404, { error: `No route ${request.method} ${path}.` });
    return true;
  };
}
