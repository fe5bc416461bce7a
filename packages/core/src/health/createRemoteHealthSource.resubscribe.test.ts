import { afterEach, expect, it } from 'vitest';
import { serveFetch } from '../../test/serveFetch.js';
import { ConnectionHealthMonitor } from './ConnectionHealthMonitor.js';
import { createHealthHandler } from './createHealthHandler.js';
import { createRemoteHealthSource } from './createRemoteHealthSource.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('opens one event stream when a subscriber leaves and another comes while the snapshot loads', async () => {
  const monitor = new ConnectionHealthMonitor({ now: () => 42 });
  const health = createHealthHandler(monitor, { heartbeatMs: 60_000 });
  let streams = 0;
  const backEnd = await serveFetch(async (request) => {
    if (new URL(request.url).pathname.endsWith('/events')) streams++;
    // The snapshot is slow: the first subscriber leaves, and the next comes, while it loads (as
    // when React re-subscribes in one commit). The leaving one's load is aborted.
    else await new Promise((resolve) => setTimeout(resolve, 100));
    return health(request);
  });
  const remote = createRemoteHealthSource({ url: `${backEnd.url}/api/health` });
  cleanups.push(
    () => monitor.dispose(),
    () => backEnd.close(),
    () => remote.close(),
  );

  remote.subscribe(() => {})();
  remote.subscribe(() => {});

  await expect.poll(() => remote.connected).toBe(true);
  // A full round trip after the stream opened: a second stream would have been requested by now.
  await (await fetch(`${backEnd.url}/api/health`)).text();
  expect(streams).toBe(1);
});
