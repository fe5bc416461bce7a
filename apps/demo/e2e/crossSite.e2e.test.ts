import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions, rawRequest } from '@makini-kit/test-utils';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../server/startDemo.js';
import { storedTokens } from './storedTokens.js';

let demo: Awaited<ReturnType<typeof startDemo>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'makini-demo-cross-site-'));
  demo = await startDemo({
    ports: { app: 0, backend: 0, sandbox: 0 },
    dataFile: join(dataDir, 'tokens.json'),
    log: () => undefined,
  });
});

afterAll(async () => {
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const send = rawRequest;

const errorOf = (text: string) =>
  (
    JSON.parse(text) as {
      error: { code: string; message: string; field?: string; fields?: Record<string, string[]> };
    }
  ).error;

/** What a cross-site request could change: passwords, faults, the rate limit, stored connections. */
async function snapshot() {
  const sandbox = demo.sandbox;
  if (!sandbox) throw new Error('the demo runs its own sandbox here');
  const [stored] = await storedTokens(demo.backend.store);
  const probe = await fetch(`${sandbox.url}/api/erp/purchase-orders?per_page=1`, {
    headers: { authorization: `Bearer ${stored?.tokens.accessToken}` },
  });
  return {
    passwords: sandbox.admin.connections().map((account) => account.password),
    faults: sandbox.admin.faults().length,
    rateLimit: probe.headers.get('x-ratelimit-limit'),
    connections: (await demo.backend.store.list()).map((entry) => entry.key),
  };
}

const firstKey = () => demo.sandbox?.admin.connections()[0]?.connectionKey ?? '';

/** Every state-changing route of the back end, with a body it would accept. */
const writes = () => [
  { method: 'POST', path: '/api/dev/rotate', body: JSON.stringify({ connectionId: firstKey() }) },
  { method: 'POST', path: '/api/dev/faults', body: JSON.stringify({ kind: 'errors' }) },
  { method: 'POST', path: '/api/dev/rate-limit', body: JSON.stringify({ limit: 1 }) },
  { method: 'POST', path: '/api/link/exchange', body: JSON.stringify({ code: 'stolen' }) },
  {
    method: 'POST',
    path: '/api/dev/reconnect-link',
    body: JSON.stringify({ connectionId: firstKey() }),
  },
  { method: 'POST', path: '/api/reconnect-links/verify', body: JSON.stringify({ token: 'a.b' }) },
  {
    method: 'POST',
    path: '/api/reconnect-links/exchange',
    body: JSON.stringify({ token: 'a.b', code: 'stolen', connectionId: firstKey() }),
  },
  { method: 'DELETE', path: '/api/dev/faults', body: undefined },
  { method: 'DELETE', path: `/api/connections/${firstKey()}`, body: undefined },
];

describe('the demo back end, against other web pages', () => {
  it("refuses a foreign Host, so a rebound name cannot read the customers' passwords", async () => {
    const port = new URL(demo.backendUrl).port;
    for (const host of [`evil.example:${port}`, 'evil.example', `localhost.evil.example:${port}`]) {
      for (const path of ['/api/dev/credentials', '/api/connections', '/api/health']) {
        const answer = await send(demo.backendUrl, { path, headers: { host } });
        expect(answer.status, `${host} ${path}`).toBe(403);
        expect(errorOf(answer.text)).toMatchObject({
          code: 'HOST_NOT_ALLOWED',
          message: expect.stringContaining(`"${host}"`),
        });
        for (const password of (await snapshot()).passwords)
          expect(answer.text).not.toContain(password);
      }
    }
    // Through the front end's server too.
    const viaApp = await send(demo.appUrl, {
      path: '/api/dev/credentials',
      headers: { host: `evil.example:${new URL(demo.appUrl).port}` },
    });
    expect(viaApp.status).toBe(403);
  });

  it("answers to localhost, 127.0.0.1 and [::1] on its own ports, and to the app's own origin", async () => {
    const backendPort = new URL(demo.backendUrl).port;
    const appPort = new URL(demo.appUrl).port;
    for (const host of [
      `localhost:${backendPort}`,
      `127.0.0.1:${backendPort}`,
      `[::1]:${backendPort}`,
      `localhost:${appPort}`,
    ]) {
      const answer = await send(demo.backendUrl, { path: '/api/connections', headers: { host } });
      expect(answer.status, host).toBe(200);
    }
    const viaApp = await fetch(`${demo.appUrl}/api/dev/credentials`);
    expect(viaApp.status).toBe(200);
    // The front end's own pages, under each of its names, whether or not the browser sends Origin.
    for (const origin of [demo.appUrl, `http://127.0.0.1:${appPort}`, `http://[::1]:${appPort}`]) {
      for (const base of [demo.appUrl, demo.backendUrl]) {
        const answer = await send(base, {
          path: '/api/dev/credentials',
          headers: { host: new URL(base).host, origin },
        });
        expect(answer.status, `${origin} → ${base}`).toBe(200);
      }
    }
  });

  it('refuses a read from another origin, through the app or directly, and grants it no CORS', async () => {
    const appPort = Number(new URL(demo.appUrl).port);
    const { passwords } = await snapshot();
    for (const origin of [
      'http://localhost:8080',
      `http://localhost:${appPort + 1}`,
      `http://127.0.0.1:${new URL(demo.backendUrl).port}`,
      'null',
    ]) {
      for (const base of [demo.appUrl, demo.backendUrl]) {
        for (const path of ['/api/dev/credentials', '/api/connections', '/api/requests']) {
          const answer = await send(base, {
            path,
            headers: { host: new URL(base).host, origin },
          });
          expect(answer.status, `${origin} → ${base}${path}`).toBe(403);
          expect(answer.headers['access-control-allow-origin']).toBeUndefined();
          expect(errorOf(answer.text)).toMatchObject({
            code: 'ORIGIN_NOT_ALLOWED',
            message: expect.stringContaining(`"${origin}"`),
          });
          for (const password of passwords) expect(answer.text).not.toContain(password);
        }
        // Nor does a preflight grant it anything.
        const preflight = await send(base, {
          method: 'OPTIONS',
          path: '/api/dev/credentials',
          headers: {
            host: new URL(base).host,
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'x-requested-with',
          },
        });
        expect(preflight.status, `preflight ${origin} → ${base}`).toBe(403);
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
  });

  it('refuses a write from another origin, even as JSON, through the app or directly', async () => {
    const before = await snapshot();
    for (const base of [demo.backendUrl, demo.appUrl]) {
      for (const write of writes()) {
        const answer = await send(base, {
          ...write,
          headers: {
            origin: `http://127.0.0.1:${Number(new URL(demo.appUrl).port) + 1}`,
            'content-type': 'application/json',
          },
        });
        expect(answer.status, `${base}${write.path}`).toBe(403);
        expect(errorOf(answer.text).code).toBe('ORIGIN_NOT_ALLOWED');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('takes writes only as application/json, which no other page can send without asking', async () => {
    const before = await snapshot();
    for (const headers of [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'text/plain; x=json' },
      { 'content-type': 'application/x-www-form-urlencoded' },
    ]) {
      for (const write of writes()) {
        const answer = await send(demo.backendUrl, { ...write, headers });
        expect(answer.status, `${JSON.stringify(headers)} ${write.path}`).toBe(415);
        expect(errorOf(answer.text)).toMatchObject({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: expect.stringContaining('content-type: application/json'),
        });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers invalid JSON with a 400 saying so, never a 500 or a stack trace', async () => {
    const answer = await send(demo.backendUrl, {
      method: 'POST',
      path: '/api/dev/rotate',
      headers: { 'content-type': 'application/json' },
      body: '{"connectionId": ',
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.text)).toMatchObject({
      code: 'INVALID_JSON',
      message: expect.stringContaining('not valid JSON'),
    });
    expect(answer.text).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it.each([
    ['/api/dev/rotate', {}, 'connectionId'],
    ['/api/dev/rotate', { connectionId: 42 }, 'connectionId'],
    ['/api/dev/faults', { kind: 'explode' }, 'kind'],
    ['/api/dev/rate-limit', { limit: -1 }, 'limit'],
    ['/api/dev/rate-limit', { limit: '20' }, 'limit'],
    ['/api/link/exchange', { code: '' }, 'code'],
    ['/api/link/exchange', { code: 'abc', connectionId: 7 }, 'connectionId'],
    ['/api/link/exchange', [], '(body)'],
    ['/api/reconnect-links/verify', {}, 'token'],
    ['/api/reconnect-links/exchange', { token: 'a.b', code: 'abc' }, 'connectionId'],
    ['/api/reconnect-links/exchange', { token: 'a.b', connectionId: 'k' }, 'code'],
    ['/api/dev/reconnect-link', {}, 'connectionId'],
  ])('refuses %s %j with a 400 naming %s', async (path, body, field) => {
    const before = await snapshot();
    const answer = await send(demo.backendUrl, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status, answer.text).toBe(400);
    expect(errorOf(answer.text)).toMatchObject({
      code: 'VALIDATION_ERROR',
      field,
      message: expect.stringContaining(field),
      fields: { [field]: [expect.any(String)] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each(['0', '-1', '1e400', 'abc', '2.5'])(
    'refuses the purchase-order page %j with a 400 naming page',
    async (page) => {
      const answer = await send(demo.backendUrl, {
        path: `/api/purchase-orders?connection=${firstKey()}&page=${encodeURIComponent(page)}`,
      });
      expect(answer.status, answer.text).toBe(400);
      expect(errorOf(answer.text)).toMatchObject({
        code: 'VALIDATION_ERROR',
        field: 'page',
        fields: { page: [expect.stringContaining('whole number')] },
      });
    },
  );

  it('answers a rotation of an unknown connection with a 404, not a 500', async () => {
    const answer = await send(demo.backendUrl, {
      method: 'POST',
      path: '/api/dev/rotate',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ connectionId: '09999999999999' }),
    });
    expect(answer.status, answer.text).toBe(404);
    expect(errorOf(answer.text).message).toContain('09999999999999');
  });

  it('still takes signed webhooks from the sandbox, which send no Origin', async () => {
    const sandbox = demo.sandbox;
    if (!sandbox) throw new Error('the demo runs its own sandbox here');
    const event = sandbox.admin.trigger('sync.completed', firstKey());
    const delivery = await sandbox.admin.waitForDelivery(
      (attempt) => attempt.eventId === event.id,
      10_000,
    );
    expect(delivery.status).toBe(200);
  });
});

describe('a page on another origin, in Chromium', () => {
  let browser: Browser;
  let attacker: Server;

  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
    attacker = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        request.url === '/read'
          ? readPage([demo.appUrl, demo.backendUrl], READS)
          : attackPage([demo.backendUrl, demo.appUrl], writes()),
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => {
      if (!attacker) return resolve();
      attacker.close(() => resolve());
      attacker.closeAllConnections();
    });
  });

  it('cannot rotate credentials, set faults or a rate limit, or exchange a code', async () => {
    const before = await snapshot();
    const context = await browser.newContext();
    const targets = [new URL(demo.backendUrl).origin, new URL(demo.appUrl).origin];
    const answered: Array<{ url: string; status: number }> = [];
    context.on('response', (response) => {
      if (targets.includes(new URL(response.url()).origin))
        answered.push({ url: response.url(), status: response.status() });
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await page.evaluate(() => (window as unknown as { attacked: Promise<boolean> }).attacked);
    // Two targets (the back end, the app's proxy) × seven POST routes × three fetches and a form.
    const expected = 2 * 7 * 4;
    await expect.poll(() => answered.length, { timeout: 15_000 }).toBe(expected);

    expect(await snapshot()).toEqual(before);
    for (const entry of answered) expect(entry.status, entry.url).toBe(403);
    await context.close();
  });

  it("cannot read the customers' passwords, the connections or the request log from another localhost port", async () => {
    const { passwords, connections } = await snapshot();
    const context = await browser.newContext();
    const page = await context.newPage();
    // The status each server gave, preflights included: Playwright reports no response the browser
    // then withheld from the page, DevTools' network events do.
    const targets = [new URL(demo.backendUrl).origin, new URL(demo.appUrl).origin];
    const sent = new Map<string, string>();
    const statuses = new Map<string, number>();
    const answered: Array<{ request: string; status: number }> = [];
    // DevTools does not order the two events of one request: pair them whichever comes first.
    const pair = (requestId: string) => {
      const request = sent.get(requestId);
      const status = statuses.get(requestId);
      if (request === undefined || status === undefined) return;
      sent.delete(requestId);
      answered.push({ request, status });
    };
    const devtools = await context.newCDPSession(page);
    devtools.on('Network.requestWillBeSent', (event) => {
      if (!targets.includes(new URL(event.request.url).origin)) return;
      sent.set(event.requestId, `${event.request.method} ${event.request.url}`);
      pair(event.requestId);
    });
    devtools.on('Network.responseReceivedExtraInfo', (event) => {
      statuses.set(event.requestId, event.statusCode);
      pair(event.requestId);
    });
    await devtools.send('Network.enable');
    // Another dev server on this machine: localhost like the app, on its own port.
    await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/read`);
    const results = await page.evaluate(
      () =>
        (
          window as unknown as {
            read: Promise<
              Array<{
                url: string;
                preflight: boolean;
                status?: number;
                text?: string;
                rejected?: string;
              }>
            >;
          }
        ).read,
    );

    expect(results).toHaveLength(2 * READS.length * 2);
    for (const result of results) {
      const label = `${result.url}${result.preflight ? ' (preflighted)' : ''}`;
      if (result.rejected === undefined) expect(result.status, label).toBe(403);
      for (const secret of [...passwords, ...connections])
        expect(result.text ?? '', label).not.toContain(secret);
    }
    // The servers refused them, not only the browser: each simple read and each preflight got a
    // 403, and no preflight was granted, so no preflighted read was sent.
    await expect.poll(() => answered.length, { timeout: 15_000 }).toBe(2 * READS.length * 2);
    for (const entry of answered) expect(entry.status, entry.request).toBe(403);
    await context.close();
  });
});

/** What the back end shows only to its own front end. */
const READS = ['/api/dev/credentials', '/api/connections', '/api/requests'];

/** Another local dev server's page: reads each route in cors mode, simple and preflighted. */
function readPage(bases: string[], paths: string[]) {
  return `<!doctype html><html><body><script>
const bases = ${JSON.stringify(bases)};
const paths = ${JSON.stringify(paths)};
window.read = (async () => {
  const results = [];
  for (const base of bases) {
    for (const path of paths) {
      for (const headers of [{}, { 'x-requested-with': 'fetch' }]) {
        const url = base + path;
        try {
          const response = await fetch(url, { mode: 'cors', headers });
          results.push({ url, preflight: 'x-requested-with' in headers, status: response.status, text: await response.text() });
        } catch (error) {
          results.push({ url, preflight: 'x-requested-with' in headers, rejected: String(error) });
        }
      }
    }
  }
  return results;
})();
</script></body></html>`;
}

/** The attacker's page: every simple request a page may send another origin, at every write. */
function attackPage(bases: string[], targets: ReturnType<typeof writes>) {
  const posts = targets.filter((target) => target.method === 'POST');
  return `<!doctype html><html><body><script>
const bases = ${JSON.stringify(bases)};
const posts = ${JSON.stringify(posts)};
window.attacked = (async () => {
  let sink = 0;
  for (const base of bases) {
    for (const post of posts) {
      const url = base + post.path;
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: post.body }).catch(() => {});
      await fetch(url, { method: 'POST', mode: 'no-cors', body: new Blob([post.body]) }).catch(() => {});
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain; x=json' }, body: post.body }).catch(() => {});
      const frame = document.createElement('iframe');
      frame.name = 'sink' + sink++;
      document.body.append(frame);
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = url;
      form.enctype = 'text/plain';
      form.target = frame.name;
      const input = document.createElement('input');
      input.type = 'hidden';
      // text/plain forms send name=value: the name carries the JSON, the value closes it.
      input.name = post.body.slice(0, -1) + ', "pad": "';
      input.value = '"}';
      form.append(input);
      document.body.append(form);
      form.submit();
    }
  }
  return true;
})();
</script></body></html>`;
}
