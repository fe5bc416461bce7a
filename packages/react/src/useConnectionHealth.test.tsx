import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ConnectionHealthMonitor,
  createHealthHandler,
  createRemoteHealthSource,
  type HealthSnapshot,
  type HealthSource,
  MakiniClient,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { clientCredentialsToken } from '@makini-kit/test-utils';
import { act, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionStatus } from './ConnectionStatus.js';
import { MakiniProvider } from './MakiniProvider.js';
import { useConnectionHealth } from './useConnectionHealth.js';

// Every health source core ships, for real: the monitor polling the sandbox over HTTP, and the
// remote source reading that monitor through createHealthHandler served by node:http.

let sandbox: Sandbox;
let connectionKey: string;
let monitor: ConnectionHealthMonitor | undefined;

// The server half (token calls, the monitor's polls) runs in this process, where `fetch` is
// happy-dom's and acts as a page: placing the page on the sandbox's origin makes those calls
// same-origin, as a server's are, instead of cross-site writes the sandbox refuses.
const page = (globalThis as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1 });
  page.setURL(sandbox.url);
  const connection = sandbox.admin.connections()[0];
  if (!connection) throw new Error('the sandbox seeded no connection');
  connectionKey = connection.connectionKey;
});
afterEach(async () => {
  monitor?.dispose();
  page.setURL('http://localhost:3000/');
  await sandbox.close();
});

/** A monitor watching the seeded connection through a client holding a real connection token. */
async function trackedMonitor() {
  const system = new MakiniClient({
    baseUrl: sandbox.url,
    token: await clientCredentialsToken({
      baseUrl: sandbox.url,
      clientId: DEFAULT_CLIENT.id,
      clientSecret: DEFAULT_CLIENT.secret,
    }),
  });
  const { token } = await system.connections.createToken(connectionKey);
  monitor = new ConnectionHealthMonitor({ pollIntervalMs: 60_000 });
  monitor.track(connectionKey, new MakiniClient({ baseUrl: sandbox.url, token, connectionKey }));
  return monitor;
}

/** A host app's back end in miniature: the handler behind node:http, open to the test page's origin. */
async function serveHealth(source: ConnectionHealthMonitor) {
  const handler = createHealthHandler(source, { heartbeatMs: 60_000 });
  const server: Server = createServer((incoming, outgoing) => {
    const controller = new AbortController();
    outgoing.on('close', () => controller.abort());
    const answer = handler(
      new Request(`http://127.0.0.1${incoming.url}`, {
        headers: incoming.headers as Record<string, string>,
        signal: controller.signal,
      }),
    );
    outgoing.writeHead(answer.status, {
      ...Object.fromEntries(answer.headers),
      'access-control-allow-origin': '*',
    });
    if (!answer.body) return void outgoing.end();
    pipeline(Readable.fromWeb(answer.body as never), outgoing).catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const status = () => screen.getByRole('status').dataset.state;

describe('useConnectionHealth with the health sources core ships', () => {
  it('follows a ConnectionHealthMonitor given to MakiniProvider', async () => {
    const source = await trackedMonitor();
    const view = render(
      <MakiniProvider health={source}>
        <ConnectionStatus connectionId={connectionKey} />
      </MakiniProvider>,
    );
    // Subscribing starts the monitor's polling: the first answer from the sandbox turns it green.
    await expect.poll(status).toBe('healthy');

    sandbox.admin.rotateCredentials(connectionKey);
    await act(() => source.check());
    expect(status()).toBe('reauthorization_required');
    view.unmount();
  });

  it('follows a ConnectionHealthMonitor passed to the hook directly', async () => {
    const source = await trackedMonitor();
    const { result } = renderHook(() => useConnectionHealth(connectionKey, source));
    await expect.poll(() => result.current.state).toBe('healthy');
    expect(result.current.connectionId).toBe(connectionKey);
  });

  it("follows createRemoteHealthSource reading the back end's monitor over HTTP", async () => {
    const backEnd = await serveHealth(await trackedMonitor());
    const remote = createRemoteHealthSource({ url: backEnd.url, reconnectDelayMs: 50 });
    try {
      render(
        <MakiniProvider health={remote}>
          <ConnectionStatus connectionId={connectionKey} />
        </MakiniProvider>,
      );
      await expect.poll(status).toBe('healthy');
      sandbox.admin.rotateCredentials(connectionKey);
      await monitor?.check();
      await expect.poll(status).toBe('reauthorization_required');
    } finally {
      remote.close();
      await backEnd.close();
    }
  });
});

/** A host app's own source written as a class: every method on the prototype, using `this`. */
class ClassSource implements HealthSource {
  private snapshot: HealthSnapshot = { connections: {}, updatedAt: 1 };
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  getSnapshot() {
    return this.snapshot;
  }

  getServerSnapshot() {
    return this.snapshot;
  }

  setState(connectionId: string, state: 'healthy' | 'degraded') {
    this.snapshot = {
      connections: {
        [connectionId]: { connectionId, state, since: 0, errorRate: 0, samples: 0, history: [] },
      },
      updatedAt: this.snapshot.updatedAt + 1,
    };
    for (const listener of this.listeners) listener();
  }
}

describe('useConnectionHealth with a source whose methods need `this`', () => {
  it('subscribes and reads through the source, not through detached methods', () => {
    const source = new ClassSource();
    source.setState('c1', 'healthy');
    const view = render(<ConnectionStatus connectionId="c1" health={source} />);
    expect(status()).toBe('healthy');
    act(() => source.setState('c1', 'degraded'));
    expect(status()).toBe('degraded');
    view.unmount();
    expect((source as unknown as { listeners: Set<unknown> }).listeners.size).toBe(0);
  });
});
