import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHealthHandler, type HealthSnapshot, type HealthSource } from '@makini-kit/core';
import { act, render, screen } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus } from './ConnectionStatus.js';
import { MakiniProvider } from './MakiniProvider.js';
import { en } from './messages/en.js';
import { fixedSource } from './testSource.js';

// `healthUrl` + `initialHealth`: what a React Server Component layout passes (plain JSON). The
// back end here is core's createHealthHandler over node:http; only its source is set by hand.

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

async function serveHealth(source: HealthSource) {
  const handler = createHealthHandler(source, { heartbeatMs: 60_000 });
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.method === 'OPTIONS') {
      // happy-dom's CORS preflight: answered here, or it would open an event stream of its own.
      outgoing.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
      });
      return void outgoing.end();
    }
    const controller = new AbortController();
    outgoing.on('close', () => controller.abort());
    const answer = handler(
      new Request(`http://127.0.0.1${incoming.url}`, {
        headers: incoming.headers as Record<string, string>,
        signal: controller.signal,
      }),
    );
    // The test page is on another origin than this back end.
    outgoing.writeHead(answer.status, {
      ...Object.fromEntries(answer.headers),
      'access-control-allow-origin': '*',
    });
    if (!answer.body) return void outgoing.end();
    pipeline(Readable.fromWeb(answer.body as never), outgoing).catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/makini/health`;
}

/** What the server read for this request: JSON, as it crosses from a Server Component. */
const serverSnapshot = (state: 'healthy' | 'reauthorization_required'): HealthSnapshot =>
  JSON.parse(
    JSON.stringify({
      connections: {
        c1: { connectionId: 'c1', state, since: 1, errorRate: 0, samples: 1, history: [] },
      },
      updatedAt: 1,
    }),
  );

const status = () => screen.getByRole('status').dataset.state;

describe('MakiniProvider with healthUrl and initialHealth', () => {
  it('renders the server snapshot into the server HTML: no "Checking…"', () => {
    const html = renderToString(
      <MakiniProvider
        healthUrl="/api/makini/health"
        initialHealth={serverSnapshot('reauthorization_required')}
      >
        <ConnectionStatus connectionId="c1" />
      </MakiniProvider>,
    );
    expect(html).toContain('data-state="reauthorization_required"');
    expect(html).toContain(en.status.states.reauthorization_required);
    expect(html).not.toContain(en.status.states.unknown);
  });

  it('says "Checking…" without initialHealth, as before', () => {
    const html = renderToString(
      <MakiniProvider healthUrl="/api/makini/health">
        <ConnectionStatus connectionId="c1" />
      </MakiniProvider>,
    );
    expect(html).toContain('data-state="unknown"');
  });

  it('hydrates the server HTML without a mismatch, then follows the live health route', async () => {
    const backEnd = fixedSource({ c1: { state: 'reauthorization_required', since: 2 } });
    const url = await serveHealth(backEnd);
    const tree = (
      <MakiniProvider healthUrl={url} initialHealth={serverSnapshot('reauthorization_required')}>
        <ConnectionStatus connectionId="c1" />
      </MakiniProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(tree);
    document.body.append(container);
    const recoverable: unknown[] = [];
    let root: Root | undefined;
    await act(async () => {
      root = hydrateRoot(container, tree, { onRecoverableError: (e) => recoverable.push(e) });
    });
    opened.push(async () => {
      act(() => root?.unmount());
      container.remove();
    });
    expect(recoverable).toEqual([]);
    expect(status()).toBe('reauthorization_required');

    // The event stream is open (the back end's handler follows its source for it) …
    await expect.poll(() => backEnd.listeners.size, { timeout: 10_000 }).toBe(1);
    backEnd.set({ c1: { state: 'healthy', since: 3 } });
    await expect.poll(status, { timeout: 10_000 }).toBe('healthy');
    // … and closed when the page goes.
    act(() => root?.unmount());
    await expect.poll(() => backEnd.listeners.size, { timeout: 10_000 }).toBe(0);
  });

  it('refuses health together with healthUrl, and initialHealth without healthUrl', () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(() =>
        render(<MakiniProvider health={fixedSource()} healthUrl="/api/makini/health" />),
      ).toThrow(new TypeError('MakiniProvider: pass `health` or `healthUrl`, not both.'));
      expect(() =>
        render(<MakiniProvider health={fixedSource()} initialHealth={serverSnapshot('healthy')} />),
      ).toThrow(/`initialHealth` goes with `healthUrl`.*initialSnapshot/);
    } finally {
      console.error = quiet;
    }
  });
});
