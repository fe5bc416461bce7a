import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  ConnectionHealthMonitor,
  createHealthHandler,
  exchangeCode,
  MakiniClient,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { submitConsent } from '@makini-kit/test-utils';
import type { TestProject } from 'vitest/node';
import { connectionListRoutes } from './connectionListRoutes.js';
import { outcomeRoutes } from './outcomeRoutes.js';
import { reconnectLinkRoutes } from './reconnectLinkRoutes.js';
import { syncStatusRoutes } from './syncStatusRoutes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    reconnect: { sandboxUrl: string; backendUrl: string; connectionKey: string };
  }
}

/**
 * What the reconnect browser test talks to: the sandbox, and a host app's back end in miniature that
 * holds the tokens, runs the health monitor, serves health to the page and exchanges Link codes.
 */
export interface ReconnectBackend {
  sandbox: Sandbox;
  server: Server;
  monitor: ConnectionHealthMonitor;
}

const shared = globalThis as { makiniReconnectBackend?: ReconnectBackend };

/** Starts the sandbox and the miniature back end; ports `0` pick free ones. */
export async function startReconnectBackend(
  ports: { sandbox: number; backend: number } = { sandbox: 0, backend: 0 },
) {
  const sandbox = await startSandbox({ port: ports.sandbox, orders: 5 });
  const monitor = new ConnectionHealthMonitor({ pollIntervalMs: 300 });
  const secrets = {
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  };
  const redirectUri = DEFAULT_CLIENT.redirectUris[0] ?? '';
  const account = sandbox.admin.connections()[0];
  if (!account) throw new Error('no seeded connection');
  // Storybook's own origin may run the popup flow too.
  sandbox.admin.addRedirectUri(DEFAULT_CLIENT.id, 'http://localhost:6006/link/callback');
  const consent = await submitConsent(
    { baseUrl: sandbox.url, clientId: DEFAULT_CLIENT.id, redirectUri },
    account,
  );
  const first = await exchangeCode({
    ...secrets,
    redirectUri,
    code: consent.location?.searchParams.get('code') ?? '',
  });
  monitor.track(
    account.connectionKey,
    new MakiniClient({ baseUrl: sandbox.url, token: first.access_token }),
  );
  await monitor.check();

  const health = createHealthHandler(monitor, { heartbeatMs: 1000 });
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
  };
  const listRoutes = connectionListRoutes({ sandbox, monitor, secrets, headers: cors });
  const syncRoutes = syncStatusRoutes({ sandbox, monitor, secrets, headers: cors });
  const linkRoutes = reconnectLinkRoutes({ sandbox, monitor, secrets, headers: cors });
  const outcomes = outcomeRoutes({ sandbox, monitor, secrets, headers: cors });
  const server = createServer(async (request, response) => {
    if (await listRoutes(request, response)) return;
    if (await outcomes(request, response)) return;
    if (await syncRoutes(request, response)) return;
    if (await linkRoutes(request, response)) return;
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    if (request.method === 'POST' && request.url === '/rotate') {
      // For the Storybook story: the customer changes their system password.
      const rotated = sandbox.admin.rotateCredentials(account.connectionKey);
      return void response
        .writeHead(200, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify(rotated));
    }
    if (request.method === 'POST' && request.url === '/exchange') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const { code, redirectUri: used } = JSON.parse(Buffer.concat(chunks).toString()) as {
        code: string;
        redirectUri: string;
      };
      const tokens = await exchangeCode({ ...secrets, code, redirectUri: used });
      monitor.track(
        tokens.connection_id ?? account.connectionKey,
        new MakiniClient({ baseUrl: sandbox.url, token: tokens.access_token }),
      );
      await monitor.check();
      return void response
        .writeHead(200, { ...cors, 'content-type': 'application/json' })
        .end('{"ok":true}');
    }
    const controller = new AbortController();
    response.on('close', () => controller.abort());
    const answer = health(
      new Request(`http://localhost${request.url}`, {
        headers: request.headers as Record<string, string>,
        signal: controller.signal,
      }),
    );
    response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), ...cors });
    if (answer.body) Readable.fromWeb(answer.body as never).pipe(response);
    else response.end();
  });
  await new Promise<void>((resolve) => server.listen(ports.backend, '127.0.0.1', resolve));
  shared.makiniReconnectBackend = { sandbox, server, monitor };
  return {
    sandboxUrl: sandbox.url,
    backendUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connectionKey: account.connectionKey,
  };
}

// Two browser projects (one with Chromium's popup blocker on) share one back end: the commands
// find it on globalThis, so a second one would answer for the first.
const sharing = globalThis as {
  makiniReconnectStarted?: ReturnType<typeof startReconnectBackend>;
  makiniReconnectUsers?: number;
};

export async function setup(project: TestProject) {
  sharing.makiniReconnectUsers = (sharing.makiniReconnectUsers ?? 0) + 1;
  sharing.makiniReconnectStarted ??= startReconnectBackend();
  project.provide('reconnect', await sharing.makiniReconnectStarted);
}

export async function teardown() {
  sharing.makiniReconnectUsers = (sharing.makiniReconnectUsers ?? 1) - 1;
  if (sharing.makiniReconnectUsers > 0) return;
  delete sharing.makiniReconnectStarted;
  const backend = shared.makiniReconnectBackend;
  if (!backend) return;
  backend.monitor.dispose();
  backend.server.closeAllConnections();
  await new Promise((resolve) => backend.server.close(resolve));
  await backend.sandbox.close();
}
