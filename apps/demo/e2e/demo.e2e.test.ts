import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../server/startDemo.js';
import {
  connectionRow,
  connectionRows,
  connectionStatus,
  listConnections,
} from './connectionRows.js';
import { storedTokens } from './storedTokens.js';

const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let dataDir: string;
const emailed: string[] = [];
const emailedLinks: Array<string | undefined> = [];
/** Every response body the browser received, from the app and from the Link popup. */
const received: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'makini-demo-'));
  demo = await startDemo({
    ports: { app: 0, backend: 0, sandbox: 0 },
    dataFile: join(dataDir, 'tokens.json'),
    notifyCustomer: (alert) => {
      emailed.push(alert.connectionId);
      emailedLinks.push(alert.link);
    },
    log: () => undefined,
  });
  browser = await chromium.launch(chromiumLaunchOptions());
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function recordResponses(page: Page) {
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/json|html|javascript|text/.test(type) || type.includes('event-stream')) return;
    try {
      received.push({ url: response.url(), body: await response.text() });
    } catch {}
  });
}

describe('the demo, end to end in Chromium', () => {
  it('plays the story: healthy → credentials change → reauthorization required → reconnect → healthy', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('page', recordResponses);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[browser] ${message.text()}`);
    });

    await page.goto(demo.appUrl);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const [first] = await listConnections(demo.backendUrl);
    const key = first?.key ?? '';
    const name = first?.name ?? '';
    // The list keeps the back end's order; the first row is that connection.
    await expect(
      connectionRows(page).first().locator('[data-part="connection-name"]').textContent(),
    ).resolves.toBe(name);
    for (const row of await connectionRows(page)
      .locator('[data-makini="connection-status"]')
      .all()) {
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('healthy');
    }
    await page.screenshot({ path: `${SHOTS}1-connections-healthy.png` });

    await page.getByRole('link', { name: 'Purchase orders' }).click();
    await expect
      .poll(() => page.locator('table.orders tbody tr[data-order]').count(), { timeout: 15_000 })
      .toBe(10);
    await expect(page.locator('table.orders caption').textContent()).resolves.toMatch(
      /250 purchase orders/,
    );
    await page.screenshot({ path: `${SHOTS}2-purchase-orders.png` });

    await page.getByRole('link', { name: 'Developer' }).click();
    const account = page.locator(`[data-account="${key}"]`);
    const oldPassword = await account.locator('[data-password]').textContent();
    await account.getByRole('button', { name: 'Rotate credentials' }).click();
    await expect
      .poll(() => account.locator('[data-password]').textContent(), { timeout: 10_000 })
      .not.toBe(oldPassword);
    const newPassword = (await account.locator('[data-password]').textContent()) ?? '';
    const username = (await account.locator('code').first().textContent()) ?? '';
    await page.screenshot({ path: `${SHOTS}3-credentials-rotated.png` });

    await page.getByRole('link', { name: 'Connections' }).click();
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('reauthorization_required');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/needs to reconnect/);
    // The alert e-mail goes out once, with the reconnect link the banner shows.
    await expect.poll(() => emailed.length, { timeout: 10_000 }).toBe(1);
    expect(emailed).toEqual([key]);
    expect(emailedLinks[0]).toMatch(
      new RegExp(`^${demo.appUrl}/reconnect\\?token=[\\w-]+\\.[\\w-]+$`),
    );
    await expect(page.locator('[data-reconnect-link]').getAttribute('href')).resolves.toBe(
      emailedLinks[0],
    );
    await page.screenshot({ path: `${SHOTS}4-reauthorization-required.png` });

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      connectionRow(page, name).getByRole('button', { name: 'Reconnect' }).click(),
    ]);
    await popup.waitForLoadState();
    await expect(popup.title()).resolves.toContain('Makini Link');
    // Link opens for this connection: its username is filled in and cannot be changed.
    const usernameField = popup.getByLabel('Username');
    await expect(usernameField.inputValue()).resolves.toBe(username);
    await expect(usernameField.getAttribute('readonly')).resolves.not.toBeNull();
    await popup.getByLabel('Password').fill(newPassword);
    await popup.screenshot({ path: `${SHOTS}5-consent-page.png` });
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Connect' }).click(),
    ]);

    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('healthy');
    // The back end confirmed it: the outcome is said in words.
    await expect
      .poll(() => page.locator('p.outcome').getAttribute('data-outcome'), { timeout: 15_000 })
      .toBe('reconnected');
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: `${SHOTS}6-healthy-again.png` });

    await page.getByRole('link', { name: 'Purchase orders' }).click();
    await expect
      .poll(() => page.locator('table.orders tbody tr[data-order]').count(), { timeout: 15_000 })
      .toBe(10);
    await page.screenshot({ path: `${SHOTS}7-purchase-orders-again.png` });

    // The developer panel lists the deliveries, described by their verified events.
    await page.getByRole('link', { name: 'Developer' }).click();
    // Each request id sits beside the trace id of its span.
    const requestLog = page.getByRole('table', { name: 'Request log' });
    await expect(requestLog.locator('thead th').nth(1).textContent()).resolves.toBe('Trace id');
    await expect
      .poll(() => requestLog.locator('tbody tr td:nth-child(2) code').first().textContent(), {
        timeout: 10_000,
      })
      .toMatch(/^[0-9a-f]{32}$/);
    const deliveries = page.getByRole('table', { name: 'Webhook deliveries' });
    const delivered = (type: string) =>
      deliveries.locator('tbody tr', { hasText: type }).filter({ hasText: key });
    await expect
      .poll(() => delivered('connection.reauthorization_required').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => delivered('connection.reauthorized').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect(
      delivered('connection.reauthorization_required').first().locator('td').last().textContent(),
    ).resolves.toBe('200');

    // A forged delivery is refused, and the panel does not repeat what it claimed to be.
    const forged = await fetch(`${demo.backendUrl}/webhooks/makini`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`,
      },
      body: JSON.stringify({
        id: 'evt_forged',
        type: 'connection.reauthorized',
        connection_id: key,
      }),
    });
    expect(forged.status).toBe(400);
    await expect
      .poll(() => deliveries.locator('tbody tr', { hasText: '(refused)' }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect(deliveries.textContent()).resolves.not.toContain('evt_forged');
    await context.close();
  });

  it('keeps the tokens across a restart of the demo', async () => {
    const accessTokens = async () =>
      (await storedTokens(demo.backend.store)).map((entry) => [
        entry.key,
        entry.tokens.accessToken,
      ]);
    const before = await accessTokens();
    const lines: string[] = [];
    await demo.close();
    demo = await startDemo({
      ports: { app: 0, backend: 0, sandbox: 0 },
      dataFile: join(dataDir, 'tokens.json'),
      log: (line) => lines.push(line),
    });
    const after = await accessTokens();
    expect(after).toEqual(before);
    expect(lines.filter((line) => line.includes('reconnecting'))).toEqual([]);
    for (const [key] of after) expect(demo.backend.monitor.get(key ?? '')?.state).toBe('healthy');
  });

  it('keeps the tokens sealed on disk, in a file only its owner reads', async () => {
    const file = join(dataDir, 'tokens.json');
    const text = readFileSync(file, 'utf8');
    const stored = await storedTokens(demo.backend.store);
    expect(stored.length).toBeGreaterThanOrEqual(4);
    for (const { tokens } of stored) {
      expect(text).not.toContain(tokens.accessToken);
      expect(text).not.toContain(tokens.refreshToken ?? 'no refresh token');
    }
    const sealed = (JSON.parse(text) as { connections: Array<{ tokens: string }> }).connections;
    for (const entry of sealed) expect(entry.tokens).toMatch(/^mkc1\.dev-[\w-]+\./);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never sends a Makini token or secret to the browser', async () => {
    const tokens = (await storedTokens(demo.backend.store)).flatMap((entry) => [
      entry.tokens.accessToken,
      entry.tokens.refreshToken ?? '',
    ]);
    expect(tokens.filter(Boolean).length).toBeGreaterThanOrEqual(8);
    expect(received.length).toBeGreaterThan(20);
    const everything = received.map((entry) => entry.body).join('\n');
    for (const secret of [...tokens.filter(Boolean), 'sandbox_secret'])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/sbx_(at|rt)_[\w-]{20,}/);
    expect(everything).not.toMatch(/whsec_/);
  });
});
