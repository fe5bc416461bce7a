import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import type { TokenCipherKey } from '@makini-kit/core';
import { DEFAULT_DATA_FILE, DEMO_PORTS, demoConfig } from './config.js';
import { createBackend, type NotifyCustomer } from './createBackend.js';
import { openLocalState } from './openLocalState.js';
import { loadReconnectLinkSecrets } from './reconnectLinkSecrets.js';
import { registerWithMakini } from './registerWithMakini.js';
import { startDemoSandbox } from './startDemoSandbox.js';
import { startWebServer } from './startWebServer.js';
import { loadTokenKeys } from './tokenKeys.js';

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
  /**
   * The keys that seal the stored tokens, the sealing key first.
   * @default `MAKINI_TOKEN_KEYS`, or a development key generated in the data folder
   */
  tokenKeys?: TokenCipherKey[];
  /**
   * Sign reconnect links, the signing secret first, each at least 32 bytes.
   * @default `MAKINI_RECONNECT_LINK_SECRET`, or a development secret generated in the data folder
   */
  reconnectLinkSecrets?: string[];
  notifyCustomer?: NotifyCustomer;
  log?: (line: string) => void;
}

/** What every start of the demo needs before its back end runs: ports, data, the token keys. */
export async function prepareDemo(options: StartDemoOptions) {
  const log = options.log ?? ((line: string) => console.log(line));
  const ports = options.ports ?? DEMO_PORTS;
  const dataFile = options.dataFile ?? DEFAULT_DATA_FILE;
  const tokenKeys =
    options.tokenKeys ??
    (await loadTokenKeys({
      env: process.env.MAKINI_TOKEN_KEYS,
      dataDir: dirname(dataFile),
      log,
    }));
  const reconnectLinkSecrets =
    options.reconnectLinkSecrets ??
    (await loadReconnectLinkSecrets({
      env: process.env.MAKINI_RECONNECT_LINK_SECRET,
      dataDir: dirname(dataFile),
      log,
    }));
  const { sandbox, makiniUrl } = await startDemoSandbox({
    port: ports.sandbox,
    dataFile,
    makiniUrl: options.makiniUrl,
    sandboxAdminToken: options.sandboxAdminToken,
  });
  return { log, ports, dataFile, tokenKeys, reconnectLinkSecrets, sandbox, makiniUrl };
}

/**
 * Starts the whole demo in this process: the sandbox (unless `makiniUrl`), the back end and the
 * Vite dev server. `close()` stops all three.
 */
export async function startDemo(options: StartDemoOptions = {}) {
  const { log, ports, dataFile, tokenKeys, reconnectLinkSecrets, sandbox, makiniUrl } =
    await prepareDemo(options);

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
  const allowedHosts = options.allowedHosts ?? [];
  const web = await startWebServer({ port: ports.app, backendUrl, allowedHosts });

  const config = demoConfig({
    makiniUrl,
    appUrl: web.appUrl,
    backendUrl,
    dataFile,
    allowedHosts,
    sandboxAdminToken: options.sandboxAdminToken,
  });
  await registerWithMakini(config);
  const state = await openLocalState({ dataFile, keys: tokenKeys, log });
  const backend = await createBackend(config, state, {
    reconnectLinkSecrets,
    ...(options.notifyCustomer ? { notifyCustomer: options.notifyCustomer } : {}),
    log,
  });
  handleRequest = (request) => backend.app.fetch(request);

  return {
    appUrl: web.appUrl,
    backendUrl,
    makiniUrl,
    sandbox,
    backend,
    async close() {
      backend.close();
      await state.close();
      await web.close();
      await new Promise<void>((resolve) => {
        backendServer.close(() => resolve());
        (backendServer as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await sandbox?.close();
    },
  };
}
