import { TokenResponse } from '@makini-kit/core';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { exchangeCode, firstConnection, startReceiver } from '../testHelpers.js';

let sandbox: Sandbox;
let browser: Browser;
let callback: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5 });
  callback = await startReceiver();
  sandbox.admin.addRedirectUri(DEFAULT_CLIENT.id, callback.url);
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await callback?.close();
  await sandbox?.close();
});

describe('the Link consent page in Chromium', () => {
  it('signs in and lands on the redirect URI with a code and the state', async () => {
    const connection = sandbox.admin.rotateCredentials(firstConnection(sandbox).connectionKey);
    const page = await browser.newPage();
    const authorize = new URL('/oauth/authorize', sandbox.url);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: callback.url,
      state: 'st-9f2c',
    }).toString();
    await page.goto(authorize.toString());
    expect(await page.title()).toContain('Makini Link');
    await page.getByLabel('System').selectOption(connection.platform);
    await page.getByLabel('Username').fill(connection.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/incorrect/);

    await page.getByLabel('Password').fill(connection.password);
    await Promise.all([
      page.waitForURL((url) => url.toString().startsWith(callback.url)),
      page.getByRole('button', { name: 'Connect' }).click(),
    ]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('st-9f2c');
    const code = landed.searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const exchanged = await exchangeCode(sandbox, code, callback.url);
    expect(TokenResponse.parse(exchanged.body).connection_id).toBe(connection.connectionKey);
    await page.close();
  });

  it('sends access_denied when the customer cancels', async () => {
    const page = await browser.newPage();
    await page.goto(
      `${sandbox.url}/oauth/authorize?response_type=code&client_id=${DEFAULT_CLIENT.id}&redirect_uri=${encodeURIComponent(callback.url)}&state=s2`,
    );
    await Promise.all([
      page.waitForURL((url) => url.toString().startsWith(callback.url)),
      page.getByRole('button', { name: 'Cancel' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    await page.close();
  });
});
