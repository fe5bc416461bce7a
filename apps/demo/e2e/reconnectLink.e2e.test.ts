import { en } from '@makini-kit/react';
import { describe, expect, it } from 'vitest';
import {
  connectionRow,
  connectionRows,
  connectionStatus,
  listConnections,
} from './connectionRows.js';
import { demoInChromium, SHOTS } from './demoInChromium.js';

const harness = demoInChromium('reconnect-link');

const post = (path: string, body: unknown) =>
  fetch(`${harness.demo.backendUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A refusal as the back end answers it: its status and `error.code`. */
async function refusal(response: Response) {
  const body = (await response.json()) as { error?: { code?: string; message?: string } };
  return { status: response.status, code: body.error?.code, message: body.error?.message };
}

describe('reconnect links and outcomes in the demo, in Chromium', () => {
  let usedLink = '';
  let linkedKey = '';

  it('plays the e-mail path: credentials change → alert with a link → the link page, without the app → reconnected → green; the link then refused as used', async () => {
    const { demo, browser } = harness;
    const sandbox = demo.sandbox;
    if (!sandbox) throw new Error('the demo runs its own sandbox here');
    const app = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await app.newPage();
    await page.goto(`${demo.appUrl}/#connections`);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const [, second] = await listConnections(demo.backendUrl);
    if (!second) throw new Error('the demo lists its seeded connections');
    const { key, name } = second;
    linkedKey = key;
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('healthy');

    // The customer changes their system password; Makini says the connection needs them.
    const account = sandbox.admin.rotateCredentials(key);
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('reauthorization_required');
    const banner = page.locator(`[data-alert="${key}"]`);
    await expect
      .poll(() => banner.locator('[data-reconnect-link]').count(), { timeout: 15_000 })
      .toBe(1);
    await expect(banner.textContent()).resolves.toContain('The email your customer gets:');
    const emailLink = banner.locator('[data-reconnect-link]');
    const href = (await emailLink.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${demo.appUrl}/reconnect\\?token=`));
    expect(await emailLink.getAttribute('target')).toBe('_blank');
    // It opens in a new tab.
    const [opened] = await Promise.all([app.waitForEvent('page'), emailLink.click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(href);
    await opened.close();

    // The customer opens it from their mailbox: a browser that has never seen the app.
    const customer = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const linkPage = await customer.newPage();
    await linkPage.goto(href);
    const reconnectPage = linkPage.locator('[data-makini="reconnect-page"]');
    await expect
      .poll(() => reconnectPage.getAttribute('data-state'), { timeout: 15_000 })
      .toBe('ready');
    await expect(reconnectPage.textContent()).resolves.toContain(
      en.reconnectPage.intro(second.system ?? ''),
    );
    await linkPage.screenshot({ path: `${SHOTS}reconnect-link-1-page.png` });

    const [popup] = await Promise.all([
      linkPage.waitForEvent('popup'),
      reconnectPage.getByRole('button', { name: en.reconnectPage.start }).click(),
    ]);
    await popup.waitForLoadState();
    // Link is bound to the link's connection: the username is given and fixed.
    const username = popup.getByLabel('Username');
    await expect(username.inputValue()).resolves.toBe(account.username);
    await expect(username.getAttribute('readonly')).resolves.not.toBeNull();
    await popup.getByLabel('Password').fill(account.password);
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Connect' }).click(),
    ]);

    await expect
      .poll(() => reconnectPage.getAttribute('data-outcome'), { timeout: 15_000 })
      .toBe('reconnected');
    await expect(
      linkPage.locator('[data-makini="reconnect-page-outcome"]').textContent(),
    ).resolves.toBe(en.outcomes.reconnected);
    await linkPage.screenshot({ path: `${SHOTS}reconnect-link-2-reconnected.png` });

    // The app's Connections page is green again, and the alert is gone.
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('healthy');
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(0);

    // The same link again: refused as used, with no Reconnect button.
    const again = await customer.newPage();
    await again.goto(href);
    const refused = again.locator('[data-makini="reconnect-page"]');
    await expect
      .poll(() => refused.getAttribute('data-state'), { timeout: 15_000 })
      .toBe('refused');
    await expect(refused.locator('[data-refusal]').getAttribute('data-refusal')).resolves.toBe(
      'LINK_USED',
    );
    await expect(refused.textContent()).resolves.toContain(en.reconnectPage.refused.LINK_USED);
    await expect(refused.getByRole('button').count()).resolves.toBe(0);
    await again.screenshot({ path: `${SHOTS}reconnect-link-3-used.png` });
    usedLink = href;
    await customer.close();
    await app.close();
  });

  it('answers every refusal as JSON with the ReconnectLinkError code and a 4xx', async () => {
    const token = new URL(usedLink).searchParams.get('token') ?? '';
    const minted = (await (
      await post('/api/dev/reconnect-link', { connectionId: linkedKey })
    ).json()) as { data: { url: string } };
    const fresh = new URL(minted.data.url).searchParams.get('token') ?? '';
    const [payload = '', mac = ''] = fresh.split('.');
    const tampered = `${payload.slice(0, -2)}${payload.endsWith('A') ? 'B' : 'A'}${payload.slice(-1)}.${mac}`;
    const [, other] = (await listConnections(harness.demo.backendUrl)).filter(
      (entry) => entry.key !== linkedKey,
    );

    expect(await refusal(await post('/api/reconnect-links/verify', { token }))).toMatchObject({
      status: 410,
      code: 'LINK_USED',
    });
    expect(
      await refusal(await post('/api/reconnect-links/verify', { token: tampered })),
    ).toMatchObject({ status: 400, code: 'LINK_INVALID' });
    expect(
      await refusal(
        await post('/api/reconnect-links/exchange', {
          token: fresh,
          code: 'any',
          connectionId: other?.key,
        }),
      ),
    ).toMatchObject({ status: 409, code: 'LINK_WRONG_CONNECTION' });
    expect(
      await refusal(
        await post('/api/reconnect-links/exchange', {
          token,
          code: 'any',
          connectionId: linkedKey,
        }),
      ),
    ).toMatchObject({ status: 410, code: 'LINK_USED' });
    // The fresh link still verifies: a refused exchange used nothing up. No answer quotes a token.
    const verified = await post('/api/reconnect-links/verify', { token: fresh });
    expect(verified.status).toBe(200);
    const text = JSON.stringify(await verified.json());
    expect(text).not.toContain(fresh);
  });

  it('says a healthy connection needed nothing, and opens no popup (already_healthy)', async () => {
    const { demo, browser } = harness;
    const context = await browser.newContext();
    const page = await context.newPage();
    let pages = 0;
    context.on('page', () => pages++);
    await page.goto(`${demo.appUrl}/#connections`);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const [first] = await listConnections(demo.backendUrl);
    const name = first?.name ?? '';
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('healthy');
    const before = pages;

    await connectionRow(page, name).getByRole('button', { name: 'Reconnect' }).click();
    const outcome = page.locator('p.outcome');
    await expect
      .poll(() => outcome.getAttribute('data-outcome'), { timeout: 10_000 })
      .toBe('already_healthy');
    await expect(outcome.textContent()).resolves.toBe(`${name}: ${en.outcomes.already_healthy}`);
    expect(pages).toBe(before);
    await page.screenshot({ path: `${SHOTS}already-healthy.png` });
    await context.close();
  });

  it('makes a reconnect link for any connection in the developer panel, to open or copy', async () => {
    const { demo, browser } = harness;
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.appUrl });
    const page = await context.newPage();
    await page.goto(`${demo.appUrl}/#developer`);
    const [, , third] = await listConnections(demo.backendUrl);
    const row = page.locator(`[data-link-for="${third?.key}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('button', { name: 'Make a link' }).click();
    const link = row.getByRole('link');
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${demo.appUrl}/reconnect\\?token=`));
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await row.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(href);
    // It is a working link for that connection.
    const verified = await post('/api/reconnect-links/verify', {
      token: new URL(href).searchParams.get('token'),
    });
    expect(((await verified.json()) as { data: { connectionId: string } }).data.connectionId).toBe(
      third?.key,
    );
    await context.close();
  });
});
