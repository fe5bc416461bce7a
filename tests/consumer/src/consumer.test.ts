import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions, type RawResponse, rawRequest } from '@makini-kit/test-utils';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type CommandResult, run, start } from './commands.js';
import { freePort } from './freePort.js';
import { installExample } from './installExample.js';
import { packPackages } from './packPackages.js';
import { sandboxAdmin } from './sandboxAdmin.js';

let work = '';
const app = (name: 'backend' | 'frontend' | 'testing') => join(work, name);
const timings: Record<string, number> = {};
const timed = (what: string, result: CommandResult) => {
  timings[what] = result.ms;
  return result;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'makini-consumer-'));
  let started = performance.now();
  const tarballs = await packPackages(join(work, 'tarballs'));
  timings['pnpm pack ×4'] = Math.round(performance.now() - started);
  started = performance.now();
  const installs = await Promise.all([
    installExample('backend', app('backend'), [
      tarballs.core,
      tarballs['webhook-node'],
      tarballs.sandbox,
    ]),
    installExample('frontend', app('frontend'), [tarballs.core, tarballs.react]),
    installExample('testing', app('testing'), [tarballs.core, tarballs.sandbox]),
  ]);
  timings['npm install ×3, in parallel'] = Math.round(performance.now() - started);
  for (const install of installs) if (install.code !== 0) throw new Error(install.output);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  console.info(
    `consumer timings (ms): ${Object.entries(timings)
      .map(([what, ms]) => `${what} ${ms}`)
      .join(', ')}`,
  );
});

const tsc = (dir: string, ...flags: string[]) =>
  run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', dir, ...flags], {
    cwd: dir,
  });

describe('the quick starts type-check against the packed packages', () => {
  it.for([
    ['nodenext', []],
    ['node16', ['--module', 'node16', '--moduleResolution', 'node16']],
    ['bundler', ['--module', 'esnext', '--moduleResolution', 'bundler']],
  ] as const)('the Express back end, under moduleResolution %s', async ([resolution, flags]) => {
    const result = timed(`tsc back end (${resolution})`, await tsc(app('backend'), ...flags));
    expect(result.code, result.output).toBe(0);
  });

  it('the Vite + React front end, under moduleResolution bundler', async () => {
    const result = timed('tsc front end (bundler)', await tsc(app('frontend')));
    expect(result.code, result.output).toBe(0);
  });

  it('the Vitest example, under moduleResolution nodenext', async () => {
    const result = timed('tsc testing (nodenext)', await tsc(app('testing')));
    expect(result.code, result.output).toBe(0);
  });
});

describe('the testing quick start', () => {
  it('passes its own Vitest suite against startSandbox', async () => {
    const vitest = join(app('testing'), 'node_modules/vitest/vitest.mjs');
    const result = timed(
      'vitest (testing example)',
      await run(process.execPath, [vitest, 'run'], { cwd: app('testing') }),
    );
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Tests\s+\S*2 passed/);
  });
});

/**
 * The sandbox as the back end's `npm run sandbox` starts it, on free ports, and the back end against
 * it, with the page's callback registered as a real app registers its redirect URI. `beforeBackend`
 * runs once the sandbox is up (the front end's build needs its URL); `onStop` is given each stop.
 */
async function startSandboxAndBackend(
  onStop: (stop: () => Promise<void>) => void,
  beforeBackend?: (sandboxUrl: string) => Promise<void>,
) {
  const backendPort = await freePort();
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const manifest = JSON.parse(readFileSync(join(app('backend'), 'package.json'), 'utf8')) as {
    scripts: { sandbox: string };
  };
  const [bin, ...args] = manifest.scripts.sandbox
    .replace(':3000/', `:${backendPort}/`)
    .split(/\s+/);
  expect(bin).toBe('makini-sandbox');
  const sandboxPackage = join(app('backend'), 'node_modules/@makini-kit/sandbox');
  const cli = (
    JSON.parse(readFileSync(join(sandboxPackage, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    }
  ).bin['makini-sandbox'];
  const sandbox = await start(
    process.execPath,
    [join(sandboxPackage, cli ?? ''), ...args, '--port', '0', '--orders', '20'],
    { cwd: app('backend'), ready: /listening on (http:\/\/\S+)/ },
  );
  onStop(sandbox.stop);
  const sandboxUrl = sandbox.match[1] ?? '';

  await beforeBackend?.(sandboxUrl);
  const backendStarted = performance.now();
  const backend = await start(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: app('backend'),
    env: { PORT: String(backendPort), MAKINI_URL: sandboxUrl, APP_URL: backendUrl },
    ready: /Back end listening/,
  });
  timings['back end start'] ??= Math.round(performance.now() - backendStarted);
  onStop(backend.stop);
  await sandboxAdmin(sandboxUrl, 'POST', '/clients/sandbox_client/redirect-uris', {
    redirect_uri: `${backendUrl}/link/callback`,
  });
  return { backendPort, backendUrl, sandboxUrl };
}

describe('the back end and front end quick starts, in Chromium', () => {
  it('show a connection red after its credentials rotate, and green after a reconnect', async () => {
    const { backendUrl, sandboxUrl } = await startSandboxAndBackend(
      onTestFinished,
      async (sandboxUrl) => {
        // The front end, built with the sandbox as its Link, served by the back end.
        const build = timed(
          'vite build',
          await run(
            process.execPath,
            [join(app('frontend'), 'node_modules/vite/bin/vite.js'), 'build'],
            { cwd: app('frontend'), env: { VITE_MAKINI_LINK_URL: sandboxUrl } },
          ),
        );
        expect(build.code, build.output).toBe(0);
      },
    );

    const connections = (await (await fetch(`${backendUrl}/api/connections`)).json()) as Array<{
      id: string;
    }>;
    expect(connections).toHaveLength(4);
    const key = connections[0]?.id ?? '';
    const orders = await fetch(`${backendUrl}/api/purchase-orders?connection=${key}`);
    expect(orders.status).toBe(200);
    expect(await orders.json()).toMatchObject({ meta: { total: 20 } });

    const browser = await chromium.launch(chromiumLaunchOptions());
    onTestFinished(() => browser.close());
    const page = await browser.newPage();
    const exchanges: Array<{ contentType: string | null; status: number }> = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/api/link/exchange')) return;
      const contentType = (await response.request().headerValue('content-type')) ?? null;
      exchanges.push({ contentType, status: response.status() });
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));

    await page.goto(backendUrl);
    const row = page.locator(`[data-connection="${key}"]`);
    const state = () => row.getByRole('status').getAttribute('data-state');
    await expect.poll(state, { timeout: 30_000 }).toBe('healthy');

    // The customer changes their system password: Makini's webhook turns the status red.
    const rotated = await sandboxAdmin<{ platform: string; username: string; password: string }>(
      sandboxUrl,
      'POST',
      `/connections/${key}/rotate-credentials`,
    );
    await expect.poll(state, { timeout: 30_000 }).toBe('reauthorization_required');
    // Recorded once the back end's answer is in, which may be just after the page saw the change.
    const deliveries = () =>
      sandboxAdmin<Array<{ url: string; eventType: string; status: number }>>(
        sandboxUrl,
        'GET',
        '/deliveries',
      );
    await expect.poll(deliveries, { timeout: 10_000 }).toContainEqual(
      expect.objectContaining({
        url: `${backendUrl}/webhooks/makini`,
        eventType: 'connection.reauthorization_required',
        status: 200,
      }),
    );

    // The button binds Link to this connection: its system is fixed and its username read-only,
    // so the customer cannot connect another account by mistake. Closing Link changes nothing.
    const [first] = await Promise.all([
      page.waitForEvent('popup'),
      row.getByRole('button', { name: 'Reconnect' }).click(),
    ]);
    await first.waitForLoadState();
    await expect.poll(() => first.getByLabel('System').isDisabled()).toBe(true);
    expect(await first.getByLabel('System').inputValue()).toBe(rotated.platform);
    expect(await first.getByLabel('Username').inputValue()).toBe(rotated.username);
    expect(await first.getByLabel('Username').getAttribute('readonly')).not.toBeNull();
    await first.close();
    await expect
      .poll(() => row.getByRole('button').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('idle');
    expect(exchanges).toEqual([]);
    expect(await state()).toBe('reauthorization_required');

    // The customer reconnects: Link in a popup, signed in with the new password.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      row.getByRole('button').click(),
    ]);
    await popup.waitForLoadState();
    // The button passes the connection's system, so Link opens on it.
    await expect.poll(() => popup.getByLabel('System').inputValue()).toBe(rotated.platform);
    await popup.getByLabel('Password').fill(rotated.password);
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Connect' }).click(),
    ]);
    // The code went to the back end as JSON and was exchanged; the status follows.
    await expect
      .poll(() => exchanges, { timeout: 10_000 })
      .toEqual([{ contentType: 'application/json', status: 200 }]);
    await expect.poll(state, { timeout: 30_000 }).toBe('healthy');
    await expect
      .poll(() => row.getByRole('button').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('success');
    expect(failures).toEqual([]);
  });
});

describe('the back end quick start, from outside its own page', () => {
  let apps: Awaited<ReturnType<typeof startSandboxAndBackend>>;
  const stops: Array<() => Promise<void>> = [];
  let healthy = '';
  let rotated = '';
  const orders = (connection: string, headers: Record<string, string> = {}) =>
    rawRequest(apps.backendUrl, { path: `/api/purchase-orders?connection=${connection}`, headers });

  beforeAll(async () => {
    apps = await startSandboxAndBackend((stop) => stops.push(stop));
    const connections = (await (
      await fetch(`${apps.backendUrl}/api/connections`)
    ).json()) as Array<{
      id: string;
    }>;
    [healthy = '', rotated = ''] = connections.map(({ id }) => id);
  });
  afterAll(() => Promise.all(stops.map((stop) => stop())));

  it('listens on loopback only: another machine on the network cannot connect', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    if (!lan) return; // No network interface here to try from.
    await expect(
      rawRequest(`http://${lan}:${apps.backendPort}`, { path: '/api/connections' }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a DNS-rebound Host and a foreign Origin with 403, GET included', async () => {
    const port = apps.backendPort;
    // A rebound page: its own name in Host, and its Origin to match.
    const rebound = 'rebind.attacker.example';
    const rebind = await orders(healthy, {
      host: `${rebound}:${port}`,
      origin: `http://${rebound}:${port}`,
    });
    expect(rebind.status, rebind.text.slice(0, 200)).toBe(403);
    expect(rebind.text).not.toContain('orderNo');
    // Another site's page calling the loopback address: the right Host, a foreign Origin.
    const crossSite = await orders(healthy, {
      host: `127.0.0.1:${port}`,
      origin: 'http://evil.example',
    });
    expect(crossSite.status, crossSite.text.slice(0, 200)).toBe(403);
    expect(crossSite.text).not.toContain('orderNo');
    // Its own page, under either loopback name, and a client that sends no Origin are served.
    const own = await orders(healthy, { host: `localhost:${port}`, origin: apps.backendUrl });
    expect(own.status, own.text.slice(0, 200)).toBe(200);
    expect((await orders(healthy)).status).toBe(200);
  });

  it('refuses with 409 a Link code that connected another account, and says how to fix a bad body', async () => {
    const [another] = await sandboxAdmin<Array<{ platform: string }>>(
      apps.sandboxUrl,
      'GET',
      '/connections',
    );
    // A sign-in on Link's unbound page makes a new connection, whose code is not the one to repair.
    const consent = await fetch(`${apps.sandboxUrl}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        client_id: 'sandbox_client',
        redirect_uri: `${apps.backendUrl}/link/callback`,
        state: 'consumer-test',
        platform: another?.platform ?? '',
        username: 'someone.else',
        password: 'a-new-password',
      }),
    });
    expect(consent.status).toBe(303);
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
    expect(code).toMatch(/\S/);

    const exchange = await fetch(`${apps.backendUrl}/api/link/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, connectionId: healthy }),
    });
    expect(exchange.status).toBe(409);
    expect(await exchange.json()).toEqual({
      error: {
        code: 'OTHER_ACCOUNT',
        message: expect.stringContaining(healthy),
        requestId: expect.any(String),
      },
    });
    // A body without a code is a 400 that says what to send.
    const empty = await fetch(`${apps.backendUrl}/api/link/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('{ code, connectionId }');
  });

  it("answers upstream failures as JSON with Makini's request id: no stack, status or headers of Makini's", async () => {
    const expectJsonError = (answer: RawResponse, status: number, code: string) => {
      expect(answer.status, answer.text.slice(0, 200)).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.headers['www-authenticate']).toBeUndefined();
      expect(answer.text).not.toMatch(/\bat .+:\d+:\d+|<pre>|node_modules|\/src\//);
      expect(JSON.parse(answer.text)).toEqual({
        error: { code, message: expect.any(String), requestId: expect.stringMatching(/\S/) },
      });
    };
    await sandboxAdmin(apps.sandboxUrl, 'POST', `/connections/${rotated}/rotate-credentials`);
    expectJsonError(await orders(rotated), 409, 'REAUTHORIZATION_REQUIRED');
    // Three 500s: the client's first call and both its retries.
    await sandboxAdmin(apps.sandboxUrl, 'POST', '/faults', {
      route: '/api/erp/purchase-orders',
      kind: 'error',
      status: 500,
      times: 3,
    });
    expectJsonError(await orders(healthy), 502, 'UPSTREAM_ERROR');
  });
});
