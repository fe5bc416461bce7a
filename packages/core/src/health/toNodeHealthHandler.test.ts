import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect, createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeUntilOneIsDropped, changingHealthSource } from '../../test/changingHealthSource.js';
import { openHealthEvents } from '../../test/openHealthEvents.js';
import { createHealthHandler } from './createHealthHandler.js';
import { createRemoteHealthSource } from './createRemoteHealthSource.js';
import { toNodeHealthHandler } from './toNodeHealthHandler.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Node http server on a free loopback port; `sockets` maps each client's port to its server socket. */
async function serve(listener: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createServer(listener);
  const sockets = new Map<number, Socket>();
  server.on('connection', (socket) => sockets.set(socket.remotePort ?? 0, socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}

/** Sends a request and reads the whole answer. */
function fetchText(url: string, method = 'GET') {
  const { host, origin, pathname, search } = new URL(url);
  return rawRequest(origin, { method, path: `${pathname}${search}`, host });
}

/** Sends exactly this Host header (or none) and request target, as a hostile client can. */
function rawRequest(
  url: string,
  { method = 'GET', path, host }: { method?: string; path: string; host?: string },
) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>(
    (resolve, reject) => {
      const outgoing = request(
        { hostname, port, method, path, setHost: false, headers: host ? { host } : {} },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
          );
        },
      );
      outgoing.on('error', reject).end();
    },
  );
}

/** Follows `url` with the browser-side source: `updatedAt` of every snapshot it reports, once each. */
async function follow(url: string) {
  const remote = createRemoteHealthSource({ url });
  const seen: number[] = [];
  const stop = remote.subscribe(() => {
    const { updatedAt } = remote.getSnapshot();
    if (seen.at(-1) !== updatedAt) seen.push(updatedAt);
  });
  cleanups.push(() => remote.close());
  await vi.waitFor(() => expect(remote.connected).toBe(true));
  return { remote, seen, stop };
}

const events = (length: number) => Array.from({ length }, (_, index) => index);

describe('toNodeHealthHandler', () => {
  it('answers the JSON snapshot in Node http, and a HEAD request without opening a stream', async () => {
    const source = changingHealthSource(2);
    const { url } = await serve(toNodeHealthHandler(createHealthHandler(source)));

    const snapshot = await fetchText(`${url}/api/health`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers['content-type']).toBe('application/json');
    expect(snapshot.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(snapshot.text)).toEqual(source.getSnapshot());

    const head = await fetchText(`${url}/api/health/events`, 'HEAD');
    expect(head).toMatchObject({ status: 200, text: '' });
    expect(head.headers['content-type']).toBe('text/event-stream');
    expect(source.listeners.size).toBe(0);
  });

  it('streams every change to a remote health source in Node http, and lets go when it leaves', async () => {
    const source = changingHealthSource(3);
    const { url } = await serve(toNodeHealthHandler(createHealthHandler(source)));
    const { remote, seen } = await follow(`${url}/api/health`);
    expect(source.listeners.size).toBe(1);

    for (let change = 0; change < 20; change++) source.change();
    await vi.waitFor(() => expect(seen.at(-1)).toBe(20));
    expect(seen).toEqual(events(21));

    remote.close();
    await vi.waitFor(() => expect(source.listeners.size).toBe(0));
  });

  it('serves the snapshot and the events under every way Express mounts a route', async () => {
    const source = changingHealthSource(1);
    const urls: string[] = [];
    const health = createHealthHandler(source);
    const handler = toNodeHealthHandler((request) => {
      urls.push(new URL(request.url).pathname);
      return health(request);
    });
    const app = express();
    app.get(['/api/health', '/api/health/events'], handler);
    app.use('/mounted/health', handler);
    const router = express.Router();
    router.get(['/health', '/health/events'], handler);
    app.use('/nested', router);
    const { url } = await serve(app);

    let changes = 0;
    for (const path of ['/api/health', '/mounted/health', '/nested/health']) {
      const snapshot = await fetchText(`${url}${path}`);
      expect(snapshot.headers['content-type']).toBe('application/json');
      expect(JSON.parse(snapshot.text)).toEqual(source.getSnapshot());

      const { remote, seen } = await follow(`${url}${path}`);
      const first = changes;
      for (let count = 0; count < 5; count++, changes++) source.change();
      await vi.waitFor(() => expect(seen.at(-1)).toBe(changes));
      expect(seen).toEqual(events(6).map((index) => first + index));
      remote.close();
      await vi.waitFor(() => expect(source.listeners.size).toBe(0));
    }
    // The handler sees the whole path, mount point included, as a fetch framework would.
    expect(new Set(urls)).toEqual(
      new Set(
        ['/api/health', '/mounted/health', '/nested/health'].flatMap((p) => [p, `${p}/events`]),
      ),
    );
  });

  it('unsubscribes a client that disconnects and releases its socket', async () => {
    const source = changingHealthSource(1);
    const { url, sockets } = await serve(toNodeHealthHandler(createHealthHandler(source)));
    const client = await openHealthEvents(`${url}/api/health/events`, (c) => cleanups.push(c));
    await client.receive(0);
    expect(source.listeners.size).toBe(1);
    const serverSocket = sockets.get(client.response.socket.localPort ?? -1);
    expect(serverSocket?.destroyed).toBe(false);

    client.response.destroy();
    await vi.waitFor(() => expect(source.listeners.size).toBe(0));
    await vi.waitFor(() => expect(serverSocket?.destroyed).toBe(true));
    // Changes after it left reach nobody and fail nothing.
    source.change();
  });

  it('destroys the socket of a client that stops reading, while a reading client gets every change', async () => {
    const source = changingHealthSource(40);
    const eventBytes = JSON.stringify(source.getSnapshot()).length;
    const { url, sockets } = await serve(
      toNodeHealthHandler(
        createHealthHandler(source, { heartbeatMs: 60_000, maxBufferedBytes: 256 * 1024 }),
      ),
    );
    const openEvents = () =>
      openHealthEvents(`${url}/api/health/events`, (cleanup) => cleanups.push(cleanup));
    const stalled = await openEvents();
    stalled.response.pause();
    const reading = await openEvents();
    const stalledSocket = sockets.get(stalled.response.socket.localPort ?? -1);
    const readingSocket = sockets.get(reading.response.socket.localPort ?? -1);
    expect(source.listeners.size).toBe(2);

    // Without a bound, the stalled client's queue would take every change.
    const dropped = await changeUntilOneIsDropped(source, reading, eventBytes);
    let change = dropped.change;
    expect(source.listeners.size).toBe(1);
    expect(change).toBeLessThan(dropped.changes);
    await vi.waitFor(() => expect(stalledSocket?.destroyed).toBe(true));

    for (const last = change + 5; change < last; ) {
      source.change();
      change++;
      await reading.receive(change);
    }
    expect(reading.received).toEqual(events(change + 1));
    expect(readingSocket?.destroyed).toBe(false);
  });

  it('streams over the HTTP/2 compatibility API without the warning a connection header costs', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    cleanups.push(() => process.off('warning', onWarning));
    const source = changingHealthSource(1);
    const server = createHttp2Server(toNodeHealthHandler(createHealthHandler(source)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const session = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    cleanups.push(
      () => new Promise<void>((resolve) => server.close(() => resolve())),
      () => session.destroy(),
    );
    const stream = session.request({ ':path': '/api/health/events' });
    const headers = await new Promise<Record<string, unknown>>((resolve) =>
      stream.on('response', resolve),
    );
    expect(headers[':status']).toBe(200);
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
    });
    source.change();
    await vi.waitFor(() => expect(text).toContain('"updatedAt":1'));
    stream.close();
    await vi.waitFor(() => expect(source.listeners.size).toBe(0));
    expect(warnings).toEqual([]);
  });

  it('reads a Host header that is no URL host as the placeholder, in Node http and Express', async () => {
    const seen: string[] = [];
    const source = changingHealthSource(1);
    const health = createHealthHandler(source);
    const handler = toNodeHealthHandler((request) => {
      seen.push(request.url);
      return health(request);
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanups.push(() => errors.mockRestore());
    const app = express();
    app.get('/api/health', handler);
    for (const { url } of [await serve(handler), await serve(app)]) {
      for (const host of ['x:99999', '999.1.1.1', '[::1::]']) {
        const answer = await rawRequest(url, { path: '/api/health', host });
        expect(answer.status, host).toBe(200);
        expect(JSON.parse(answer.text)).toEqual(source.getSnapshot());
      }
    }
    expect(seen).toEqual(Array(6).fill('http://localhost/api/health'));
    expect(errors).not.toHaveBeenCalled();
  });

  it('keeps only the path and query of an absolute-form target: no credentials, no other host', async () => {
    const seen: string[] = [];
    const health = createHealthHandler(changingHealthSource(1));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanups.push(() => errors.mockRestore());
    const { url } = await serve(
      toNodeHealthHandler((request) => {
        seen.push(request.url);
        return health(request);
      }),
    );
    const host = new URL(url).host;
    for (const path of [
      'http://u:p@x/api/health',
      'http://evil.example/api/health?probe=1',
      'https://u@evil.example:8443/api/health/events',
    ]) {
      const answer = await rawRequest(url, { method: 'HEAD', path, host });
      expect(answer.status, path).toBe(200);
    }
    expect(seen).toEqual([
      `http://${host}/api/health`,
      `http://${host}/api/health?probe=1`,
      `http://${host}/api/health/events`,
    ]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('answers 405 with Allow, and logs nothing, for a method a fetch Request refuses', async () => {
    const health = toNodeHealthHandler(createHealthHandler(changingHealthSource(1)));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanups.push(() => errors.mockRestore());
    const app = express();
    app.use('/api/health', health);
    for (const { url } of [await serve(health), await serve(app)]) {
      const answer = await rawRequest(url, { method: 'TRACE', path: '/api/health', host: 'x' });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
      expect(answer.text).not.toMatch(/TypeError|at /);
    }
    expect(errors).not.toHaveBeenCalled();
  });

  it('answers 500 in Node http, and calls Express next, when the fetch handler fails', async () => {
    const failing = toNodeHealthHandler(() => {
      throw new Error('no health today');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    cleanups.push(() => errors.mockRestore());
    const node = await serve(failing);
    expect(await fetchText(`${node.url}/api/health`)).toMatchObject({
      status: 500,
      text: 'health handler failed',
    });
    expect(errors).toHaveBeenCalledWith(
      '[makini health] the health handler failed:',
      expect.objectContaining({ message: 'no health today' }),
    );

    const app = express();
    app.get('/api/health', failing);
    app.use((error: Error, _req: unknown, res: express.Response, _next: unknown) => {
      res.status(503).send(`express saw: ${error.message}`);
    });
    const viaExpress = await serve(app);
    expect(await fetchText(`${viaExpress.url}/api/health`)).toMatchObject({
      status: 503,
      text: 'express saw: no health today',
    });
  });
});

describe('createHealthHandler handed a Node request', () => {
  const advice =
    /takes a fetch Request, got a Node request \(url "\/api\/health".*toNodeHealthHandler/;

  it('throws a TypeError that names toNodeHealthHandler', () => {
    const health = createHealthHandler(changingHealthSource(1));
    const nodeLike = { url: '/api/health', method: 'GET', headers: { host: 'x' } };
    expect(() => health(nodeLike as unknown as Request)).toThrow(TypeError);
    expect(() => health(nodeLike as unknown as Request)).toThrow(advice);
    expect(() => health(undefined as unknown as Request)).toThrow(/got undefined/);
  });

  it('reaches the answer when mounted in Express directly, as the types allow', async () => {
    const app = express();
    app.get('/api/health', createHealthHandler(changingHealthSource(1)));
    app.use((error: Error, _req: unknown, res: express.Response, _next: unknown) => {
      res.status(500).send(error.message);
    });
    const { url } = await serve(app);
    const answer = await fetchText(`${url}/api/health`);
    expect(answer.status).toBe(500);
    expect(answer.text).toMatch(advice);
  });

  it('says so in a bare Node http server instead of answering nothing', async () => {
    const health = createHealthHandler(changingHealthSource(1));
    const { url } = await serve((incoming, outgoing) => {
      try {
        health(incoming as unknown as Request);
        outgoing.end('no error');
      } catch (error) {
        outgoing.writeHead(500).end((error as Error).message);
      }
    });
    expect((await fetchText(`${url}/api/health`)).text).toMatch(advice);
  });
});
