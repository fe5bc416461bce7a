import { afterEach, describe, expect, it } from 'vitest';
import { changingHealthSource } from '../../test/changingHealthSource.js';
import { serveFetch } from '../../test/serveFetch.js';
import { createHealthHandler } from './createHealthHandler.js';
import { createRemoteHealthSource } from './createRemoteHealthSource.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A back end serving a real health handler, counting the requests of each kind. `hang` makes the
 * snapshot or the event stream request never answer, as a dead proxy would.
 */
async function backEnd(options: { heartbeatMs: number; hang?: 'snapshot' | 'events' }) {
  const source = changingHealthSource(1);
  const health = createHealthHandler(source, { heartbeatMs: options.heartbeatMs });
  const requests = { snapshot: 0, events: 0 };
  const server = await serveFetch((request) => {
    const kind = new URL(request.url).pathname.endsWith('/events') ? 'events' : 'snapshot';
    requests[kind] += 1;
    if (options.hang === kind) return new Promise<Response>(() => {});
    return health(request);
  });
  cleanups.push(() => server.close());
  return { url: `${server.url}/api/health`, requests, source };
}

describe('createRemoteHealthSource when the back end goes silent', () => {
  it('opens the event stream again after silenceTimeoutMs without a byte, and hears changes on it', async () => {
    // No heartbeat within the test: after its first snapshot the stream is silent, as one that a
    // proxy dropped without closing it.
    const { url, requests, source } = await backEnd({ heartbeatMs: 600_000 });
    const remote = createRemoteHealthSource({ url, reconnectDelayMs: 10, silenceTimeoutMs: 400 });
    cleanups.push(() => remote.close());
    remote.subscribe(() => {});
    await expect.poll(() => remote.connected).toBe(true);
    await expect.poll(() => requests.events, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => remote.connected).toBe(true);
    source.change();
    await expect.poll(() => remote.getSnapshot().updatedAt).toBe(1);
  });

  it('keeps a stream that only sends heartbeats', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 100 });
    const remote = createRemoteHealthSource({ url, reconnectDelayMs: 10, silenceTimeoutMs: 2_000 });
    cleanups.push(() => remote.close());
    remote.subscribe(() => {});
    await expect.poll(() => remote.connected).toBe(true);
    // Three silence deadlines' worth of heartbeats: each one keeps the stream.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(requests.events).toBe(1);
    expect(remote.connected).toBe(true);
  });

  it('asks again for an event stream whose answer never comes', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 600_000, hang: 'events' });
    const remote = createRemoteHealthSource({ url, reconnectDelayMs: 10, silenceTimeoutMs: 300 });
    cleanups.push(() => remote.close());
    remote.subscribe(() => {});
    await expect.poll(() => requests.events, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(remote.connected).toBe(false);
  });

  it('opens the event stream though the snapshot request never answers', async () => {
    const { url, requests, source } = await backEnd({ heartbeatMs: 600_000, hang: 'snapshot' });
    const remote = createRemoteHealthSource({
      url,
      reconnectDelayMs: 60_000,
      silenceTimeoutMs: 300,
    });
    cleanups.push(() => remote.close());
    remote.subscribe(() => {});
    await expect.poll(() => remote.connected, { timeout: 10_000 }).toBe(true);
    expect(requests.snapshot).toBe(1);
    source.change();
    await expect.poll(() => remote.getSnapshot().updatedAt).toBe(1);
  });

  it('stops on unsubscribe and close, with no request after', async () => {
    const { url, requests } = await backEnd({ heartbeatMs: 600_000 });
    const remote = createRemoteHealthSource({ url, reconnectDelayMs: 10, silenceTimeoutMs: 200 });
    const unsubscribe = remote.subscribe(() => {});
    await expect.poll(() => remote.connected).toBe(true);
    unsubscribe();
    const seen = requests.events;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requests.events).toBe(seen);
    remote.close();
  });

  it('refuses a silenceTimeoutMs that is not a duration', () => {
    expect(() =>
      createRemoteHealthSource({ url: 'http://127.0.0.1:9/api/health', silenceTimeoutMs: 0 }),
    ).toThrow(/silenceTimeoutMs/);
  });
});
