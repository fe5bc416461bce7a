import { describe, expect, it } from 'vitest';
import { connectionRows } from './connectionRows.js';
import { demoInChromium, SHOTS } from './demoInChromium.js';

const harness = demoInChromium('callback');

describe('the Link callback page, after a full-page redirect', () => {
  it('shows a failed exchange with its request id and a retry, instead of carrying on as if connected', async () => {
    const sandbox = harness.demo.sandbox;
    const account = sandbox?.admin.connections()[0];
    if (!sandbox || !account) throw new Error('the demo runs its own seeded sandbox here');
    const context = await harness.browser.newContext();
    // A blocked popup: Link falls back to a full-page redirect, which ends on the callback page.
    await context.addInitScript(() => {
      window.open = () => null;
    });
    const page = await context.newPage();
    await page.goto(`${harness.demo.appUrl}/#connections`);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);

    await Promise.all([
      page.waitForURL((url) => url.origin === sandbox.url),
      page.getByRole('button', { name: 'Connect a new system' }).click(),
    ]);
    await page.getByLabel('System').selectOption(account.platform);
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    // Makini fails the code exchange once.
    sandbox.admin.addFault({ route: '/link/token', kind: 'error', status: 503, times: 1 });
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.waitForURL((url) => url.pathname === '/link/callback');

    const alert = page.getByRole('alert').filter({ hasText: /could not be completed/i });
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
    const failed = sandbox.admin
      .requests()
      .find((entry) => entry.path.startsWith('/link/token') && entry.status === 503);
    expect(failed?.requestId).toMatch(/^req_/);
    await expect(alert.textContent()).resolves.toContain(failed?.requestId);
    // Still here: nothing pretended the connection worked.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(new URL(page.url()).pathname).toBe('/link/callback');
    await page.screenshot({ path: `${SHOTS}link-callback-failed.png` });

    // The fault is spent; the same code exchanges on retry, and the page returns where Link started.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/' && url.hash === '#connections', {
        timeout: 15_000,
      }),
      page.getByRole('button', { name: 'Retry' }).click(),
    ]);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const exchanges = sandbox.admin
      .requests()
      .filter((entry) => entry.path.startsWith('/link/token'));
    expect(exchanges.map((entry) => entry.status).slice(-2)).toEqual([503, 200]);
    await context.close();
  });
});
