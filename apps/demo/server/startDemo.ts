import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { DEFAULT_CLIENT, startSandbox } from '@makini-kit/sandbox';
import react from '@vitejs/plugin-react';
import { createServer, defaultClientConditions } from 'vite';
import { DEFAULT_DATA_FILE, DEMO_PORTS, type DemoConfig } from './config.js';
import { createBackend, type NotifyCustomer } from './createBackend.js';

export interface StartDemoOptions {
  /** Ports of the front end, the back end and the embedded sandbox; `0` picks free ones. */
  ports?: { app: number; backend: number; sandbox: number };
  /** A Makini (or a separate sandbox) to use instead of starting one. */
  makiniUrl?: string;
  dataFile?: string;
  /**
   * More names the demo is reached as (front end and back end), besides localhost, 127.0.0.1 and
   * [::1]: `name` (any port) or `name:port`. @default []
   */
  allowedHosts?: string[];
  /** Guards the embedded sandbox's admin API, or is sent to the one at `makiniUrl`. @default none */
  sandboxAdminToken?: string;
  notifyCustomer?: NotifyCustomer;
  log?: (line: string) => void;
}

const webRoot = fileURLToPath(new URL('../web', import.meta.url));
const WEBHOOK_SECRET = `whsec_${Buffer.from('acme-procurement-demo-webhooks!!').toString('base64')}`;

/**
 * Starts the whole demo in this process: the sandbox (unless `makiniUrl`), the back end and the
 * Vite dev server. `close()` stops all three.
 */
export async function startDemo(options: StartDemoOptions = {}) {
  const ports = options.ports ?? DEMO_PORTS;
  const dataFile = options.dataFile ?? DEFAULT_DATA_FILE;
  // The embedded sandbox keeps its state beside the tokens, so both survive a restart together.
  const sandbox = options.makiniUrl
    ? undefined
    : await startSandbox({
        port: ports.sandbox,
        orders: 250,
        clients: [{ ...DEFAULT_CLIENT, name: 'Acme Procurement' }],
        stateFile: join(dirname(dataFile), 'sandbox-state.json'),
        ...(options.sandboxAdminToken ? { adminToken: options.sandboxAdminToken } : {}),
      });
  const makiniUrl = options.makiniUrl ?? sandbox?.url ?? '';

  // The back end listens first (on a free port if asked), so its address is known to Vite's proxy.
  let handleRequest: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 });
  const backendServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      { fetch: (request) => handleRequest(request), port: ports.backend, hostname: '127.0.0.1' },
      () => resolve(started),
    );
  });
  const backendUrl = `http://127.0.0.1:${(backendServer.address() as AddressInfo).port}`;

  const vite = await createServer({
    configFile: false,
    root: webRoot,
    plugins: [react()],
    logLevel: 'warn',
    resolve: { conditions: ['@makini-kit/source', ...defaultClientConditions] },
    server: {
      port: ports.app,
      host: 'localhost',
      strictPort: ports.app !== 0,
      // Vite refuses other Hosts itself; names given to the demo are let through to both servers.
      allowedHosts: (options.allowedHosts ?? []).map((host) => host.replace(/:\d+$/, '')),
      // The app's pages fetch /api/* from their own origin and need no CORS. Vite's default grants
      // every localhost origin, which would let any other local dev server's page read the proxied
      // /api/dev/credentials; off, the browser keeps every other page's reads from it.
      cors: false,
      // Only the back end's routes: a bare '/api' prefix would also catch the module /api.ts.
      proxy: { '^/api/': { target: backendUrl, changeOrigin: false } },
    },
  });
  await vite.listen();
  const appPort = (vite.httpServer?.address() as AddressInfo | undefined)?.port ?? ports.app;
  const appUrl = `http://localhost:${appPort}`;

  const config: DemoConfig = {
    makiniUrl,
    linkUrl: makiniUrl,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    webhookSecret: WEBHOOK_SECRET,
    appUrl,
    backendUrl,
    dataFile,
    allowedHosts: options.allowedHosts ?? [],
    ...(options.sandboxAdminToken ? { sandboxAdminToken: options.sandboxAdminToken } : {}),
  };
  const backend = await createBackend(config, {
    ...(options.notifyCustomer ? { notifyCustomer: options.notifyCustomer } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  handleRequest = (request) => backend.app.fetch(request);

  return {
    appUrl,
    backendUrl,
    makiniUrl,
    sandbox,
    backend,
    async close() {
      backend.close();
      await vite.close();
      await new Promise<void>((resolve) => {
        backendServer.close(() => resolve());
        (backendServer as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await sandbox?.close();
    },
  };
}
