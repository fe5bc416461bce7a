import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessPolicy } from './http/AccessPolicy.js';
import type { Handler } from './http/Handler.js';
import { handleRequest } from './http/handleRequest.js';
import { Router } from './http/Router.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import { addAdminRoutes } from './routes/adminRoutes.js';
import { addOauthRoutes } from './routes/oauthRoutes.js';
import { addOperationRoutes } from './routes/operationRoutes.js';
import { addSandboxExtensions } from './routes/systemRoutes.js';
import { SandboxAdmin } from './SandboxAdmin.js';
import { SandboxState } from './SandboxState.js';

/** A running sandbox. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:4010`: use it as the client's `baseUrl` and Link's host. */
  url: string;
  /** The port it listens on: the one asked for, or the free one picked for `port: 0`. */
  port: number;
  /** Programmatic control: rotate credentials, inject faults, trigger webhooks, read logs. */
  admin: SandboxAdmin;
  /** Stops listening, ends open connections and pending webhook retries; leaves no handles open. */
  close(): Promise<void>;
}

/**
 * Starts a local Makini-compatible server: the API, the Link consent page and token endpoint, a
 * webhook sender and fault injection. Data is generated from `seed`, so every run serves the same
 * records. It answers only to the host names it is reached as (loopback on its port, plus
 * `allowedHosts`) and refuses writes from other web pages, so a page open in the developer's
 * browser cannot drive it.
 *
 * @throws {SandboxOptionsError} `ADMIN_TOKEN_REQUIRED` when `host` is beyond loopback without an
 * `adminToken`, or for a malformed `adminToken`, `allowedHosts` entry or `refreshTokenReuseGraceMs`.
 * @example
 * const sandbox = await startSandbox({ port: 0, orders: 1000 });
 * const client = new MakiniClient({ baseUrl: sandbox.url, token });
 * sandbox.admin.rotateCredentials(connectionKey);
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const state = new SandboxState(resolved);
  const admin = new SandboxAdmin(state);
  const router = new Router<Handler>();
  addOauthRoutes(router);
  addOperationRoutes(router);
  addSandboxExtensions(router);
  addAdminRoutes(router, admin);

  // Refuses every request until the port is known; listening fills in the hosts it answers to.
  const policy = new AccessPolicy(resolved);
  const server: Server = createServer((request, response) => {
    handleRequest(request, response, router, state, policy).catch(() => response.destroy());
  });
  // Malformed HTTP is answered with a plain 400 and the socket closed; the server keeps serving.
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  policy.listeningOn(port);
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;

  return {
    url: `http://${host}:${port}`,
    port,
    admin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.syncs.close();
        state.webhooks.close();
        state.stateFile?.flush();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
