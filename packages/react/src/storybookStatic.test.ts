// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ReconnectBackend,
  startReconnectBackend,
  teardown,
} from '../test/reconnectBackend.js';
import { serveStatic } from '../test/staticServer.js';
import { freshStorybookStatic } from '../test/storybookStatic.js';

let dir: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let services: Awaited<ReturnType<typeof startReconnectBackend>>;
let browser: Browser;

beforeAll(async () => {
  dir = await freshStorybookStatic();
  site = await serveStatic(dir);
  services = await startReconnectBackend();
  browser = await chromium.launch(chromiumLaunchOptions());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await teardown();
});

describe('the static Storybook build', () => {
  it('has the /link/callback page', async () => {
    expect(existsSync(join(dir, 'link/callback/index.html'))).toBe(true);
    const page = await fetch(`${site.url}/link/callback?code=c&state=s`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module" src="\.\.\/\.\.\/assets\/[^"]+\.js">/);
  });

  it('runs the sandbox flow story: rotate, red, Reconnect in the popup, back on the static callback page, green', async () => {
    // The static site's origin becomes a registered redirect URI, as a real app registers its own.
    const backend = (globalThis as { makiniReconnectBackend?: ReconnectBackend })
      .makiniReconnectBackend;
    if (!backend) throw new Error('the back end is not running');
    backend.sandbox.admin.addRedirectUri('sandbox_client', `${site.url}/link/callback`);
    const context = await browser.newContext();
    const page = await context.newPage();
    const query = new URLSearchParams({
      id: 'reconnect-flow-sandbox--against-the-sandbox',
      viewMode: 'story',
      sandbox: services.sandboxUrl,
      backend: services.backendUrl,
      connection: services.connectionKey,
    });
    await page.goto(`${site.url}/iframe.html?${query}`);
    const status = page.getByRole('status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('healthy');

    await page.getByRole('button', { name: 'Rotate credentials' }).click();
    const credentials = page.getByText(/^New credentials: /);
    await credentials.waitFor();
    const [, password] = ((await credentials.textContent()) ?? '')
      .replace('New credentials: ', '')
      .split(' / ');
    await expect
      .poll(() => status.getAttribute('data-state'), { timeout: 20_000 })
      .toBe('reauthorization_required');

    const [consent] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Reconnect' }).click(),
    ]);
    await consent.waitForLoadState();
    await consent.getByLabel('Password').fill(password ?? '');
    const landed: string[] = [];
    consent.on('framenavigated', (frame) => {
      if (frame === consent.mainFrame()) landed.push(new URL(frame.url()).pathname);
    });
    await Promise.all([
      consent.waitForEvent('close'),
      consent.getByRole('button', { name: 'Connect' }).click(),
    ]);
    // The popup closed itself from the static build's callback page, after handing over the code.
    expect(landed).toContain('/link/callback');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('healthy');
    await expect
      .poll(() =>
        page.getByRole('button', { name: /Reconnect|Reconnected/ }).getAttribute('data-state'),
      )
      .toBe('success');
    await context.close();
  });
});
