import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ConnectionHealthMonitor, MakiniClient } from '@makini-kit/core';
import type { Sandbox } from '@makini-kit/sandbox';
import { clientCredentialsToken } from '@makini-kit/test-utils';

/** What the routes need from the miniature back end. */
export interface ConnectionListBackend {
  sandbox: Sandbox;
  monitor: ConnectionHealthMonitor;
  secrets: { baseUrl: string; clientId: string; clientSecret: string };
  /** Headers every answer carries (CORS for the test page). */
  headers: Record<string, string>;
}

const PROVIDERS = ['sap-s4hana', 'ibm-maximo', 'oracle-netsuite'] as const;

/**
 * The host back end's side of `<ConnectionList>`, for the browser test: it creates connections of
 * its own in the sandbox (so other tests' connection stays untouched) and watches their health,
 * lists what the sandbox still has, and disconnects with `DELETE /api/system/connections/{id}`.
 *
 * - `POST /connection-list/seed` → `[{ id, name, system, platform }]`, three new connections
 * - `GET /connection-list/connections` → the keys the sandbox lists for the client
 * - `DELETE /connection-list/connections/:id` → 204, or the sandbox's status when it refuses
 *
 * Answers `false` for any other request.
 */
export function connectionListRoutes(backend: ConnectionListBackend) {
  const { sandbox, monitor, secrets, headers } = backend;
  const system = async () =>
    new MakiniClient({ baseUrl: secrets.baseUrl, token: await clientCredentialsToken(secrets) });
  const send = (response: ServerResponse, status: number, body?: unknown) =>
    void response
      .writeHead(status, { ...headers, 'content-type': 'application/json' })
      .end(body === undefined ? undefined : JSON.stringify(body));

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith('/connection-list/')) return false;
    if (request.method === 'OPTIONS') {
      // The page disconnects with DELETE, which a browser sends only after this preflight.
      response
        .writeHead(204, { ...headers, 'access-control-allow-methods': 'GET, POST, DELETE' })
        .end();
      return true;
    }

    if (request.method === 'POST' && path === '/connection-list/seed') {
      const client = await system();
      const tag = randomUUID().slice(0, 8);
      const seeded = [];
      for (const [index, provider] of PROVIDERS.entries()) {
        const login = `LIST_${tag}_${index}`;
        const created = await client.connections.create({
          name: `Site ${index + 1} (${tag})`,
          email: `it+${tag}@site.example`,
          provider,
          credentials: { login, password: `pw-${tag}` },
        });
        const account = sandbox.admin.connections().find((entry) => entry.username === login);
        if (!account) throw new Error(`the sandbox did not list the connection of ${login}`);
        monitor.track(
          account.connectionKey,
          new MakiniClient({ baseUrl: secrets.baseUrl, token: created.access_token }),
        );
        seeded.push({
          id: account.connectionKey,
          name: account.name,
          system: account.platformName,
          platform: account.platform,
        });
      }
      await monitor.check();
      send(response, 200, seeded);
      return true;
    }

    if (request.method === 'GET' && path === '/connection-list/connections') {
      const listed = await (await system()).connections.list({ perPage: 100 });
      send(
        response,
        200,
        listed.data.map((connection) => connection.key),
      );
      return true;
    }

    const match = /^\/connection-list\/connections\/([^/]+)$/.exec(path);
    if (request.method === 'DELETE' && match?.[1]) {
      const id = decodeURIComponent(match[1]);
      try {
        await (await system()).connections.delete(id);
      } catch (error) {
        send(response, (error as { status?: number }).status ?? 502, {
          error: (error as Error).message,
        });
        return true;
      }
      monitor.untrack(id);
      send(response, 204);
      return true;
    }
    send(response, 404, { error: `No route ${request.method} ${path}.` });
    return true;
  };
}
