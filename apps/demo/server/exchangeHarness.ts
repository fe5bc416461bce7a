import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenCipher } from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { BackendState } from './BackendState.js';
import { demoConfig } from './config.js';
import { createBackend } from './createBackend.js';
import { openLocalState } from './openLocalState.js';
import { consentAs } from './sandboxAdmin.js';
import { startUnnamingProxy } from './unnamingProxy.js';

const APP_URL = 'http://127.0.0.1:5999';
const BACKEND_URL = 'http://127.0.0.1:3999';
const quiet = () => undefined;

/** An answer of the back end: its status and its `data` or `error`. */
export interface Answer {
  status: number;
  data?: { connectionId: string; url?: string };
  error?: { code?: string; message?: string };
}

/**
 * The demo back end (no HTTP server: requests go to its Hono app) on a fresh sandbox, for one test
 * file. Makini is reached through a proxy that can leave the connection's name out of its answers,
 * as Makini's published token answer does (`proxy.unnaming`, reset before each test); Link's consent
 * page is the sandbox's own.
 */
export function exchangeHarness() {
  let sandbox: Sandbox;
  let proxy: Awaited<ReturnType<typeof startUnnamingProxy>>;
  let dataDir: string;
  let state: BackendState;
  let backend: Awaited<ReturnType<typeof createBackend>>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, orders: 2 });
    sandbox.admin.addRedirectUri(DEFAULT_CLIENT.id, `${APP_URL}/link/callback`);
    proxy = await startUnnamingProxy(sandbox.url);
    dataDir = mkdtempSync(join(tmpdir(), 'makini-demo-exchange-'));
    const config = {
      ...demoConfig({
        makiniUrl: proxy.url,
        appUrl: APP_URL,
        backendUrl: BACKEND_URL,
        dataFile: join(dataDir, 'tokens.json'),
      }),
      linkUrl: sandbox.url,
    };
    state = await openLocalState({
      dataFile: config.dataFile,
      keys: [{ id: 'test', secret: TokenCipher.generateSecret() }],
      log: quiet,
    });
    backend = await createBackend(config, state, {
      reconnectLinkSecrets: [`test-reconnect-link-secret-${'x'.repeat(32)}`],
      notifyCustomer: quiet,
      log: quiet,
    });
  });

  afterAll(async () => {
    backend?.close();
    await state?.close();
    await proxy?.close();
    await sandbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    proxy.unnaming = 'nothing';
  });

  const post = async (path: string, body: unknown): Promise<Answer> => {
    const response = await backend.app.fetch(
      new Request(`${BACKEND_URL}${path}`, {
        method: 'POST',
        headers: { host: new URL(BACKEND_URL).host, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
  };

  return {
    post,
    /** Where Makini's answers pass through. */
    get proxy() {
      return proxy;
    },
    get sandbox() {
      return sandbox;
    },
    /** Every stored connection's key, sorted. */
    storedKeys: async () => (await state.connections.list()).map((entry) => entry.key).sort(),
    /** The stored access token of a connection. */
    storedToken: async (key: string) =>
      (await state.connections.tokens.get(key))?.tokens.accessToken,
    /** The sandbox's account of the nth connection (its sign-in, as the customer types it). */
    account(index: number) {
      const entry = sandbox.admin.connections()[index];
      if (!entry) throw new Error(`the sandbox has no connection #${index}`);
      return entry;
    },
    /** A Link code, as the consent page redirects with it after `who` signs in. */
    codeFor: (who: { platform: string; username: string; password: string }) =>
      consentAs(
        {
          linkUrl: sandbox.url,
          clientId: DEFAULT_CLIENT.id,
          redirectUri: `${APP_URL}/link/callback`,
        },
        { platform: who.platform, username: who.username, password: who.password },
      ),
    /** A fresh reconnect link's token for a connection, from the developer panel's route. */
    async mintLink(connectionId: string) {
      const minted = await post('/api/dev/reconnect-link', { connectionId });
      return new URL(minted.data?.url ?? '').searchParams.get('token') ?? '';
    },
  };
}
