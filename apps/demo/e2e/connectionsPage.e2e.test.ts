import { ar, en, ja } from '@makini-kit/react/locales';
import { describe, expect, it } from 'vitest';
import { connectionRow, connectionRows, listConnections } from './connectionRows.js';
import { demoInChromium, SHOTS } from './demoInChromium.js';

const harness = demoInChromium('connections-page');

describe('the Connections page, in Chromium', () => {
  it('speaks the chosen language; in Arabic the document reads from the right', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${harness.demo.appUrl}/#connections`);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const list = page.locator('[data-makini="connection-list"]');
    const title = list.locator('[data-part="title"]');
    const documentDir = () => page.evaluate(() => document.documentElement.dir);
    const documentLang = () => page.evaluate(() => document.documentElement.lang);

    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => title.textContent()).toBe(ar.list.label);
    await expect.poll(documentDir).toBe('rtl');
    await expect.poll(documentLang).toBe('ar');
    await expect(
      connectionRows(page).first().getByRole('button', { name: ar.reconnect.states.idle }).count(),
    ).resolves.toBe(1);
    // The first column (the system) is the rightmost.
    const headers = list.locator('thead th');
    const system = await headers.first().boundingBox();
    const actions = await headers.last().boundingBox();
    expect(system?.x).toBeGreaterThan(actions?.x ?? Number.POSITIVE_INFINITY);
    await page.screenshot({ path: `${SHOTS}connections-ar.png` });

    // The choice outlives a reload.
    await page.reload();
    await expect.poll(() => title.textContent(), { timeout: 15_000 }).toBe(ar.list.label);
    await page.getByLabel('Language').selectOption('ja');
    await expect.poll(() => title.textContent()).toBe(ja.list.label);
    await expect.poll(documentDir).toBe('ltr');
    await page.getByLabel('Language').selectOption('en');
    await expect.poll(() => title.textContent()).toBe(en.list.label);
    await context.close();
  });

  it('disconnects behind a confirmation: deleted at Makini, no longer watched; then connects it again as a new system', async () => {
    const { demo, browser } = harness;
    const sandbox = demo.sandbox;
    if (!sandbox) throw new Error('the demo runs its own sandbox here');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.appUrl}/#connections`);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const listed = await listConnections(demo.backendUrl);
    const last = listed.at(-1);
    if (!last) throw new Error('the demo lists its seeded connections');
    const account = sandbox.admin.connections().find((entry) => entry.connectionKey === last.key);
    if (!account) throw new Error('the sandbox knows the connection');
    expect(demo.backend.monitor.get(last.key)).toBeDefined();

    const row = connectionRow(page, last.name);
    await row.getByRole('button', { name: en.list.disconnect }).click();
    const confirm = page.locator('[data-part="confirm-row"]');
    await expect(confirm.textContent()).resolves.toContain(en.list.confirmDisconnect(last.name));
    await confirm.getByRole('button', { name: en.list.confirm }).click();

    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => row.count()).toBe(0);
    await expect(page.getByText(en.list.disconnected(last.name)).count()).resolves.toBe(1);
    // Deleted at Makini through its system API, with the app's own credentials.
    const deleted = sandbox.admin
      .requests()
      .filter(
        (entry) =>
          entry.method === 'DELETE' &&
          entry.path === `/api/system/connections/${encodeURIComponent(last.key)}`,
      );
    expect(deleted.map((entry) => entry.status)).toEqual([200]);
    expect(sandbox.admin.connections().map((entry) => entry.connectionKey)).not.toContain(last.key);
    expect(demo.backend.monitor.get(last.key)).toBeUndefined();
    expect(await demo.backend.store.get(last.key)).toBeUndefined();
    expect((await listConnections(demo.backendUrl)).map((entry) => entry.key)).not.toContain(
      last.key,
    );

    // "Connect a new system": Link with nothing chosen; the back end answers the new key.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: en.list.connectNew }).click(),
    ]);
    await popup.waitForLoadState();
    await popup.getByLabel('System').selectOption(account.platform);
    await popup.getByLabel('Username').fill(account.username);
    await popup.getByLabel('Password').fill(account.password);
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Connect' }).click(),
    ]);
    const outcome = page.locator('p.outcome');
    await expect
      .poll(() => outcome.getAttribute('data-outcome'), { timeout: 15_000 })
      .toBe('connected');
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    await expect(outcome.textContent()).resolves.toMatch(/ is connected\.$/);
    await page.screenshot({ path: `${SHOTS}connections-connected-again.png` });
    await context.close();
  });
});
