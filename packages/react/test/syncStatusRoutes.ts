import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ConnectionHealthMonitor, MakiniClient } from '@makini-kit/core';
import type { Sandbox, SandboxSyncOutcome } from '@makini-kit/sandbox';
import { clientCredentialsToken } from '@makini-kit/test-utils';

/** What the routes need from the miniature back end. */
export interface SyncStatusBackend {
  sandbox: Sandbox;
  monitor: ConnectionHealthMonitor;
  secrets: { baseUrl: string; clientId: string; clientSecret: string };
  /** Headers every answer carries (CORS for the test page). */
  headers: Record<string, string>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * The host back end's side of `<SyncStatus>`, for the browser test. It works on a connection of
 * its own (other tests' connection stays untouched), which its monitor tracks and polls; the page
 * follows the monitor through the health stream.
 *
 * - `POST /sync-status/connection` → `{ connectionKey, username, password }`, a new connection
 * - `POST /sync-status/syncs` `{ connectionKey, outcome?, durationMs? }` → the sandbox's sync
 * - `POST /sync-status/rotate` `{ connectionKey }` → the new credentials (the next sync fails)
 *
 * Answers `false` for any other request.
 */
export function syncStatusRoutes(backend: SyncStatusBackend) {
  const { sandbox, monitor, secrets, headers } = backend;
  const send = (response: ServerResponse, status: number, body: unknown) =>
    void response
      .writeHead(status, { ...headers, 'content-type': 'application/json' })
      .end(JSON.stringify(body));

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith('/sync-status/')) return false;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...headers, 'access-control-allow-methods': 'POST' }).end();
      return true;
    }
    if (request.method !== 'POST') return false;
    const body = await readJson(request);
    const connectionKey = String(body.connectionKey ?? '');

    if (path === '/sync-status/connection') {
      const system = new MakiniClient({
        baseUrl: secrets.baseUrl,
        token: await clientCredentialsToken(secrets),
      });
      const login = `SYNC_${randomUUID().slice(0, 8)}`;
      const password = `pw-${randomUUID().slice(0, 8)}`;
      const created = await system.connections.create({
        name: `Plant ${login}`,
        email: 'it@plant.example',
        provider: 'sap-s4hana',
        credentials: { login, password },
      });
      const account = sandbox.admin.connections().find((entry) => entry.username === login);
      if (!account) throw new Error(`the sandbox did not list the connection of ${login}`);
      monitor.track(
        account.connectionKey,
        new MakiniClient({ baseUrl: secrets.baseUrl, token: created.access_token }),
      );
      await monitor.check(account.connectionKey);
      send(response, 200, { connectionKey: account.connectionKey, username: login, password });
      return true;
    }
    if (path === '/sync-status/syncs') {
      const sync = sandbox.admin.startSync(connectionKey, {
        ...(typeof body.outcome === 'string'
          ? { outcome: body.outcome as SandboxSyncOutcome }
          : {}),
        ...(typeof body.durationMs === 'number' ? { durationMs: body.durationMs } : {}),
      });
      // Polled at once: the page need not wait for the monitor's next tick.
      await monitor.check(connectionKey);
      send(response, 200, sync);
      return true;
    }
    if (path === '/sync-status/rotate') {
      const credentials = sandbox.admin.rotateCredentials(connectionKey);
      await monitor.check(connectionKey);
      send(response, 200, credentials);
      return true;
    }
    return false;
  };
}
