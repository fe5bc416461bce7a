import { afterEach, describe, expect, it } from 'vitest';
import { serveFetch } from '../../test/serveFetch.js';
import { ConnectionHealthMonitor } from './ConnectionHealthMonitor.js';
import { createHealthHandler } from './createHealthHandler.js';
import { createRemoteHealthSource } from './createRemoteHealthSource.js';

const SESSION = 'Bearer session-7f3a';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A back end that serves the health of a real monitor only to a signed-in caller. */
async function signedInBackEnd() {
  const monitor = new ConnectionHealthMonitor({ now: () => 42 });
  const health = createHealthHandler(monitor, { heartbeatMs: 60_000 });
  const seen: Array<{
    path: string;
    accept: string | null;
    authorization: string | null;
    tenant: string | null;
  }> = [];
  const backEnd = await serveFetch((request) => {
    seen.push({
      path: new URL(request.url).pathname,
      accept: request.headers.get('accept'),
      authorization: request.headers.get('authorization'),
      tenant: request.headers.get('x-tenant'),
    });
    if (request.headers.get('authorization') !== SESSION) {
      return new Response('sign in first', { status: 401 });
    }
    return health(request);
  });
  cleanups.push(
    () => monitor.dispose(),
    () => backEnd.close(),
  );
  return { url: `${backEnd.url}/api/health`, seen };
}

describe('createRemoteHealthSource', () => {
  it.each([
    ['a Headers object', new Headers({ authorization: SESSION, 'x-tenant': 'acme' })],
    [
      'pairs',
      [
        ['authorization', SESSION],
        ['x-tenant', 'acme'],
      ] as [string, string][],
    ],
    ['a record', { Authorization: SESSION, 'X-Tenant': 'acme' }],
  ])(
    'sends the caller’s request headers given as %s, with its own accept, on both requests',
    async (_form, headers) => {
      const { url, seen } = await signedInBackEnd();
      const remote = createRemoteHealthSource({
        url,
        reconnectDelayMs: 60_000,
        requestInit: { headers },
      });
      cleanups.push(() => remote.close());
      remote.subscribe(() => {});
      await expect.poll(() => remote.connected).toBe(true);
      expect(remote.getSnapshot().updatedAt).toBe(42);
      expect(seen).toEqual([
        { path: '/api/health', accept: 'application/json', authorization: SESSION, tenant: 'acme' },
        {
          path: '/api/health/events',
          accept: 'text/event-stream',
          authorization: SESSION,
          tenant: 'acme',
        },
      ]);
    },
  );

  it('refuses request headers that cannot be sent when it is created, saying which option', () => {
    expect(() =>
      createRemoteHealthSource({
        url: 'http://127.0.0.1:9/api/health',
        requestInit: { headers: { authorization: 'Bearer a\nb' } },
      }),
    ).toThrow(/requestInit\.headers cannot be sent/);
    expect(() =>
      createRemoteHealthSource({
        url: 'http://127.0.0.1:9/api/health',
        requestInit: { headers: [['authorization']] as unknown as [string, string][] },
      }),
    ).toThrow(TypeError);
  });
});
