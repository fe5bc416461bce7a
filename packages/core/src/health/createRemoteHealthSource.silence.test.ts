import { afterEach, describe, expect, it } from 'vitest';
import { changingHealthSource } from '../../test/changingHealthSource.js';
import { serveFetch } from '../../test/serveFetch.js';
import { createHealthHandler } from './createHealthHandler.js';
import { createRemoteHealthSource } from './createRemoteHealthSource.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A back end serving a real health handler, counting the requests of each kind. `hang` makes the
 * snapshot or every event-stream request never answer; `firstStreamSilent` makes the first event
 * stream send its snapshot and then nothing, never closing, as one a proxy dropped.
 */
async function backEnd(options: {
  heartbeatMs: number;
  hang?: 'snapshot' | 'events';
  firstStreamSilent?: boolean;
}) {
  const source = changingHealthSource(1);
  const health = createHealthHandler(source, { heartbeatMs: options.heartbeatMs });
  const requests = { snapshot: 0, events: 0 };
  const server = await serveFetch((request) => {
    const kind = new URL(request.url).pathname.endsWith('/events') ? 'events' : 'snapshot';
    requests[kind] += 1;
    if (options.hang === kind) return new Promise<Response>(() => {});
    if (kind === 'events' && options.firstStreamSilent && requests.events === 1) {
      const first = `event: snapshot\ndata: ${JSON.stringify(source.getSnapshot())}\n\n`;
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode(first)),
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    return health(request);
  });
  cleanups.push(() => server.close());
  return { url: `${server.url}/api/health`, requests, source };
}

function follow(url: string, silenceTimeoutMs: number, reconnectDelayMs = 10) {
  const remote = createRemoteHealthSource({ url, reconnectDelayMs, silenceTimeoutMs });
  cleanups.push(() => remote.close());
  return remote;
}

describe('createRemoteHealthSource when the back end goes silent', () => {
  it('opens a stream silent past silenceTimeoutMs again, and hears the next change on the new one', async () => {
    const { url, requests, source } = await backEnd({ heartbeatMs: 50, firstStreamSilent: true });
    const remote = follow(url, 400);
    remote.subscribe(() => {});
    await expect.poll(() => requests.events, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => remote.connected).toBe(true);
    const snapshots = requests.snapshot;
    source.change();
    await expect.poll(() => remote.getSnapshot().updatedAt).toBe(1);
    // Told by the live stream, not by a snapshot reloaded for another reconnect.
    expect(requests.snapshot).toBe(snapshots);
    expect(requests.events).toBe(2);
  });

  it('reopens a silent stream also through a fetch that ignores the abort signal', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 50, firstStreamSilent: true });
    const remote = createRemoteHealthSource({
      url,
      reconnectDelayMs: 10,
      silenceTimeoutMs: 400,
      fetch: (input, init) => fetch(input, { ...init, signal: null }),
    });
    cleanups.push(() => remote.close());
    remote.subscribe(() => {});
    await expect.poll(() => requests.events, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => remote.connected).toBe(true);
  });

  it('keeps a stream that only sends heartbeats', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 50 });
    const remote = follow(url, 1_000);
    remote.subscribe(() => {});
    await expect.poll(() => remote.connected).toBe(true);
    // Three silence deadlines' worth of heartbeats: each one keeps the stream.
    await pause(3_000);
    expect(requests.events).toBe(1);
    expect(remote.connected).toBe(true);
  });

  it('asks again for an event stream whose answer never comes', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 50, hang: 'events' });
    const remote = follow(url, 300);
    remote.subscribe(() => {});
    await expect.poll(() => requests.events, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(remote.connected).toBe(false);
  });

  it('opens the event stream though the snapshot request never answers', async () => {
    const { url, requests, source } = await backEnd({ heartbeatMs: 50, hang: 'snapshot' });
    const remote = follow(url, 1_000, 60_000);
    remote.subscribe(() => {});
    await expect.poll(() => remote.connected, { timeout: 10_000 }).toBe(true);
    expect(requests.snapshot).toBe(1);
    source.change();
    await expect.poll(() => remote.getSnapshot().updatedAt).toBe(1);
  });

  it.each([
    ['the last subscriber leaves', (_remote: unknown, unsubscribe: () => void) => unsubscribe()],
    ['close() is called', (remote: { close(): void }) => remote.close()],
  ])('sends no request after %s, silence or not', async (_when, stop) => {
    const { url, requests } = await backEnd({ heartbeatMs: 600_000 });
    const remote = follow(url, 200);
    const unsubscribe = remote.subscribe(() => {});
    await expect.poll(() => remote.connected).toBe(true);
    stop(remote, unsubscribe);
    const seen = { ...requests };
    await pause(1_000);
    expect(requests).toEqual(seen);
    expect(remote.connected).toBe(false);
  });

  it('stops, as close() does, when the caller’s requestInit.signal aborts', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 50 });
    const caller = new AbortController();
    const remote = createRemoteHealthSource({
      url,
      reconnectDelayMs: 10,
      requestInit: { signal: caller.signal },
    });
    cleanups.push(() => remote.close());
    remote.subscribe(() => {});
    await expect.poll(() => remote.connected).toBe(true);
    caller.abort();
    await expect.poll(() => remote.connected).toBe(false);
    const seen = { ...requests };
    remote.subscribe(() => {});
    await pause(300);
    expect(requests).toEqual(seen);
  });

  it('refuses a silenceTimeoutMs that is not a duration', () => {
    expect(() =>
      createRemoteHealthSource({ url: 'http://127.0.0.1:9/api/health', silenceTimeoutMs: 0 }),
    ).toThrow(/silenceTimeoutMs/);
  });
});
