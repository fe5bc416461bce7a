import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { startReceiver } from '../testHelpers.js';

/** Each attack a page on another origin can make without a CORS preflight. */
interface Attack {
  name: string;
  via: 'fetch' | 'beacon' | 'form';
  path: string;
  /** fetch: the content type (`null`: none at all); form: the enctype. */
  type: string | null;
  body?: string;
  fields?: Record<string, string>;
}

function attacks(target: { stolenUri: string; key: string; account: Record<string, string> }) {
  const json = (value: unknown) => JSON.stringify(value);
  const list: Attack[] = [
    {
      name: 'text/plain fetch adds a redirect URI',
      via: 'fetch',
      path: `/__sandbox/clients/${DEFAULT_CLIENT.id}/redirect-uris`,
      type: 'text/plain',
      body: json({ redirect_uri: target.stolenUri }),
    },
    {
      name: '"text/plain; x=json" fetch adds a webhook endpoint aimed inside',
      via: 'fetch',
      path: '/__sandbox/webhook-endpoints',
      type: 'text/plain; x=json',
      body: json({ url: 'http://169.254.169.254/latest/meta-data' }),
    },
    {
      name: 'fetch without a content type adds a fault',
      via: 'fetch',
      path: '/__sandbox/faults',
      type: null,
      body: json({ route: '/api/', kind: 'error', status: 503, times: 100 }),
    },
    {
      name: 'bodiless fetch rotates credentials',
      via: 'fetch',
      path: `/__sandbox/connections/${target.key}/rotate-credentials`,
      type: null,
    },
    {
      name: 'bodiless fetch resets the sandbox',
      via: 'fetch',
      path: '/__sandbox/reset',
      type: null,
    },
    {
      name: 'sendBeacon sends an event',
      via: 'beacon',
      path: '/__sandbox/events',
      type: 'text/plain',
      body: json({ type: 'connection.reauthorization_required', connection_id: target.key }),
    },
    {
      // A text/plain form writes `name=value`: the name carries the JSON, the value closes it.
      name: 'text/plain form adds a webhook endpoint',
      via: 'form',
      path: '/__sandbox/webhook-endpoints',
      type: 'text/plain',
      fields: { '{"url":"http://10.0.0.1/hook","pad":"': '"}' },
    },
    {
      name: 'form-encoded form rotates credentials',
      via: 'form',
      path: `/__sandbox/connections/${target.key}/rotate-credentials`,
      type: 'application/x-www-form-urlencoded',
      fields: { x: '1' },
    },
    {
      name: 'form signs a customer in on the consent page (login CSRF)',
      via: 'form',
      path: '/oauth/authorize',
      type: 'application/x-www-form-urlencoded',
      fields: {
        client_id: DEFAULT_CLIENT.id,
        redirect_uri: DEFAULT_CLIENT.redirectUris[0] ?? '',
        state: 'attacker',
        action: 'allow',
        ...target.account,
      },
    },
  ];
  return list;
}

/** The attacker's page: fires every attack at the sandbox, then sets `window.attacked`. */
function attackPage(sandboxUrl: string, list: Attack[]) {
  return `<!doctype html><html><head><title>Totally harmless</title></head><body>
<script>
const sandbox = ${JSON.stringify(sandboxUrl)};
const attacks = ${JSON.stringify(list)};
window.attacked = (async () => {
  for (const [index, attack] of attacks.entries()) {
    const url = sandbox + attack.path;
    if (attack.via === 'fetch') {
      const init = { method: 'POST', mode: 'no-cors', credentials: 'include' };
      if (attack.body !== undefined)
        init.body = attack.type === null ? new Blob([attack.body]) : attack.body;
      if (attack.type !== null) init.headers = { 'content-type': attack.type };
      await fetch(url, init).catch(() => undefined);
    } else if (attack.via === 'beacon') {
      navigator.sendBeacon(url, attack.body);
    } else {
      const frame = document.createElement('iframe');
      frame.name = 'sink' + index;
      document.body.append(frame);
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = url;
      form.enctype = attack.type;
      form.target = frame.name;
      for (const [name, value] of Object.entries(attack.fields)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    }
  }
  return true;
})();
</script></body></html>`;
}

let sandbox: Sandbox;
let browser: Browser;
let attacker: Server;
let attackerUrl: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let list: Attack[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 3 });
  receiver = await startReceiver();
  sandbox.admin.addWebhookEndpoint({ url: receiver.url });
  const [first] = sandbox.admin.connections();
  if (!first) throw new Error('the sandbox has no connections');
  attacker = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url === '/' ? attackPage(sandbox.url, list) : '');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  // The same IP as the sandbox on another port: a different origin but the same site, so neither
  // SameSite cookies nor Sec-Fetch-Site would tell the two apart.
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  list = attacks({
    stolenUri: `${attackerUrl}/steal`,
    key: first.connectionKey,
    account: { platform: first.platform, username: first.username, password: first.password },
  });
  const launch = chromiumLaunchOptions();
  browser = await chromium.launch({
    ...launch,
    // A name that resolves to the sandbox's own address, as after DNS rebinding.
    args: [...launch.args, '--host-resolver-rules=MAP rebound.test 127.0.0.1'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => {
    if (!attacker) return resolve();
    attacker.close(() => resolve());
    attacker.closeAllConnections();
  });
  await receiver?.close();
  await sandbox?.close();
});

describe('a page on another origin, in Chromium', () => {
  it('reaches the sandbox with every cross-site attack and changes nothing', async () => {
    const credentials = sandbox.admin.connections().map((connection) => connection.password);
    const endpoints = sandbox.admin.webhookEndpoints().map((endpoint) => endpoint.id);
    const context = await browser.newContext();
    const answered: Array<{ path: string; status: number }> = [];
    context.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === sandbox.url)
        answered.push({ path: url.pathname, status: response.status() });
    });
    const page = await context.newPage();
    await page.goto(attackerUrl);
    await page.evaluate(() => (window as unknown as { attacked: Promise<boolean> }).attacked);
    await expect.poll(() => answered.length, { timeout: 10_000 }).toBe(list.length);

    expect(sandbox.admin.webhookEndpoints().map((endpoint) => endpoint.id)).toEqual(endpoints);
    expect(sandbox.admin.faults()).toEqual([]);
    expect(sandbox.admin.connections().map((connection) => connection.password)).toEqual(
      credentials,
    );
    expect(sandbox.admin.connections().every((connection) => connection.status === 'active')).toBe(
      true,
    );
    const stolen = await fetch(
      `${sandbox.url}/oauth/authorize?response_type=code&client_id=${DEFAULT_CLIENT.id}&redirect_uri=${encodeURIComponent(`${attackerUrl}/steal`)}`,
    );
    expect(stolen.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sandbox.admin.deliveries()).toEqual([]);

    // Every attack did arrive, and each was refused before it touched anything.
    expect(answered.map((entry) => entry.path).sort()).toEqual(
      list.map((attack) => attack.path).sort(),
    );
    for (const entry of answered) expect(entry.status, entry.path).toBe(403);
    await context.close();
  });

  it('refuses a rebound host name, so the page cannot read passwords same-origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const rebound = `http://rebound.test:${sandbox.port}`;
    const landing = await page.goto(`${rebound}/__sandbox/connections`);
    expect(landing?.status()).toBe(403);
    const read = await page.evaluate(async () => {
      const response = await fetch('/__sandbox/connections');
      return { status: response.status, text: await response.text() };
    });
    expect(read.status).toBe(403);
    expect(JSON.parse(read.text).error.message).toContain(`Host "rebound.test:${sandbox.port}"`);
    for (const connection of sandbox.admin.connections())
      expect(read.text).not.toContain(connection.password);
    await context.close();
  });
});
