import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { chromiumLaunchOptions } from '@makini-kit/test-utils/chromium';
import { createTestWebhook } from '@makini-kit/webhook-node';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runNext, startNext } from './nextApp.js';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));
const WEBHOOK_SECRET = `whsec_${Buffer.from('next-example-e2e-webhook-secret!').toString('base64')}`;
const CHECKING = 'Checking…';

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startNext>>;
let browser: Browser;
const timings: Record<string, number> = {};
const suiteStarted = performance.now();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const buildStarted = performance.now();
  await runNext(['build']);
  timings.build = performance.now() - buildStarted;
  sandbox = await startSandbox({ port: 0 });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  sandbox.admin.addRedirectUri(DEFAULT_CLIENT.id, `${appUrl}/link/callback`);
  for (const path of ['/api/makini/webhooks', '/api/makini/webhooks/edge']) {
    sandbox.admin.addWebhookEndpoint({ url: `${appUrl}${path}`, secret: WEBHOOK_SECRET });
  }
  const startStarted = performance.now();
  app = await startNext(port, {
    MAKINI_URL: sandbox.url,
    MAKINI_CLIENT_ID: DEFAULT_CLIENT.id,
    MAKINI_CLIENT_SECRET: DEFAULT_CLIENT.secret,
    MAKINI_WEBHOOK_SECRET: WEBHOOK_SECRET,
    APP_URL: appUrl,
  });
  timings.start = performance.now() - startStarted;
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sandbox?.close();
  const seconds = (ms = 0) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `[next-example] next build ${seconds(timings.build)}, next start ${seconds(timings.start)}, whole suite ${seconds(performance.now() - suiteStarted)}`,
  );
});

/** The `data-state` of the status in a connection's row of the server HTML. */
function rowState(html: string, key: string): string | undefined {
  const row = html.indexOf(`data-connection="${key}"`);
  if (row < 0) return undefined;
  const tag = /<[^>]*role="status"[^>]*>/.exec(html.slice(row))?.[0] ?? '';
  return /data-state="([a-z_]+)"/.exec(tag)?.[1];
}

const statusOf = (page: Page, key: string) =>
  page.locator(`[data-connection="${key}"] [role="status"]`);

describe('the Next.js App Router example, built and started', () => {
  it('says each connection\'s real state in the server HTML: no "Checking…", no secret', async () => {
    const html = await (await fetch(app.url)).text();
    const keys = sandbox.admin.connections().map((connection) => connection.connectionKey);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(['healthy', 'syncing'], key).toContain(rowState(html, key));
    }
    expect(html).not.toContain(CHECKING);
    expect(html).not.toContain('data-state="unknown"');
    expect(html).not.toContain(DEFAULT_CLIENT.secret);
    expect(html).not.toContain(WEBHOOK_SECRET);
  });

  it('plays the story in Chromium: rotate credentials → red → Reconnect in the popup → green', async () => {
    const [account] = sandbox.admin.connections();
    if (!account) throw new Error('the sandbox seeded no connection');
    const key = account.connectionKey;
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[browser] ${message.text()}`);
    });
    await page.goto(app.url);
    await expect
      .poll(() => statusOf(page, key).getAttribute('data-state'), { timeout: 30_000 })
      .toBe('healthy');
    await page.screenshot({ path: `${SHOTS}1-healthy.png` });

    // The customer changes their password: Makini's webhook reaches the Node route, whose monitor
    // pushes the new state down the health stream.
    const { username, password } = sandbox.admin.rotateCredentials(key);
    await expect
      .poll(() => statusOf(page, key).getAttribute('data-state'), { timeout: 30_000 })
      .toBe('reauthorization_required');
    await page.screenshot({ path: `${SHOTS}2-reauthorization-required.png` });

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.locator(`[data-connection="${key}"]`).getByRole('button', { name: 'Reconnect' }).click(),
    ]);
    await popup.waitForLoadState();
    // A bound reconnect may show the username fixed, filled in from the connection.
    const usernameField = popup.getByLabel('Username');
    if (await usernameField.isEditable()) await usernameField.fill(username);
    await popup.getByLabel('Password').fill(password);
    await Promise.all([
      popup.waitForEvent('close', { timeout: 60_000 }),
      popup.getByRole('button', { name: 'Connect' }).click(),
    ]);
    await expect
      .poll(() => statusOf(page, key).getAttribute('data-state'), { timeout: 60_000 })
      .toBe('healthy');
    await page.screenshot({ path: `${SHOTS}3-healthy-again.png` });

    // A reload renders the new state on the server, straight away.
    const html = await (await fetch(app.url)).text();
    expect(['healthy', 'syncing']).toContain(rowState(html, key));
    await page.close();
  });

  it.each([
    ['Node', '/api/makini/webhooks', 'node'],
    ['edge', '/api/makini/webhooks/edge', 'edge'],
  ])(
    'the %s webhook route accepts what the sandbox signs and refuses a forgery',
    async (_name, path, runtime) => {
      const url = `${app.url}${path}`;
      const key = sandbox.admin.connections()[1]?.connectionKey ?? '';
      const sent = sandbox.admin.trigger('connection.status_changed', key);
      const delivered = await sandbox.admin.waitForDelivery(
        (attempt) => attempt.url === url && attempt.eventId === sent.id,
        60_000,
      );
      expect(delivered.status).toBe(200);

      const signed = await createTestWebhook({
        type: 'connection.status_changed',
        connectionId: key,
        data: { previous_status: 'active', status: 'active' },
        secret: WEBHOOK_SECRET,
      });
      const accepted = await fetch(url, {
        method: 'POST',
        headers: signed.headers,
        body: signed.payload,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.headers.get('x-runtime') ?? 'node').toBe(runtime);

      const forged = await createTestWebhook({
        type: 'connection.reauthorization_required',
        connectionId: key,
        data: { reason: 'forged' },
        secret: `whsec_${Buffer.from('not-the-endpoint-secret-at-all!!').toString('base64')}`,
      });
      const refused = await fetch(url, {
        method: 'POST',
        headers: forged.headers,
        body: forged.payload,
      });
      expect(refused.status).toBe(400);
      await expect(refused.json()).resolves.toMatchObject({ code: 'NO_MATCHING_SIGNATURE' });

      // A body changed after signing is refused the same way: the check covers the raw bytes.
      const tampered = await fetch(url, {
        method: 'POST',
        headers: signed.headers,
        body: signed.payload.replace('"active"', '"inactive"'),
      });
      expect(tampered.status).toBe(400);
      await expect(tampered.json()).resolves.toMatchObject({ code: 'NO_MATCHING_SIGNATURE' });
    },
  );

  it('refuses an exchange without a code, with a code saying what to send', async () => {
    const response = await fetch(`${app.url}/api/makini/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 's' }),
    });
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toMatchObject({
      error: { code: 'VALIDATION_ERROR' },
    });
  });
});
