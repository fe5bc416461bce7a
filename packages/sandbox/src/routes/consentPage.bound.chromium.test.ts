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

const authorizeUrl = (query: Record<string, string>) => {
  const url = new URL('/oauth/authorize', sandbox.url);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_CLIENT.id,
    redirect_uri: callback.url,
    ...query,
  }).toString();
  return url.toString();
};

describe('the Link consent page bound to a connection, in Chromium', () => {
  it('fixes the system and username, and signing in reconnects that connection', async () => {
    const connection = sandbox.admin.rotateCredentials(firstConnection(sandbox).connectionKey);
    const count = sandbox.admin.connections().length;
    const page = await browser.newPage();
    await page.goto(authorizeUrl({ state: 'st-bound', connection_id: connection.connectionKey }));

    await expect.poll(() => page.getByRole('heading').textContent()).toMatch(/^Reconnect /);
    const system = page.getByLabel('System');
    expect(await system.isDisabled()).toBe(true);
    expect(await system.inputValue()).toBe(connection.platform);
    const username = page.getByLabel('Username');
    expect(await username.inputValue()).toBe(connection.username);
    expect(await username.getAttribute('readonly')).not.toBeNull();
    // Typing into a read-only field changes nothing.
    await username.press('End');
    await page.keyboard.type('-other');
    expect(await username.inputValue()).toBe(connection.username);

    await page.getByLabel('Password').fill(connection.password);
    await Promise.all([
      page.waitForURL((url) => url.toString().startsWith(callback.url)),
      page.getByRole('button', { name: 'Connect' }).click(),
    ]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('st-bound');
    const exchanged = await exchangeCode(
      sandbox,
      landed.searchParams.get('code') ?? '',
      callback.url,
    );
    expect(TokenResponse.parse(exchanged.body).connection_id).toBe(connection.connectionKey);
    expect(sandbox.admin.connections()).toHaveLength(count);
    await page.close();
  });

  it('sends an unknown connection_id back with invalid_request, showing no form', async () => {
    const page = await browser.newPage();
    await page.goto(authorizeUrl({ state: 'st-unknown', connection_id: 'conn-that-never-was' }));
    await page.waitForURL((url) => url.toString().startsWith(callback.url));
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('invalid_request');
    expect(landed.searchParams.get('state')).toBe('st-unknown');
    expect(landed.searchParams.has('code')).toBe(false);
    await page.close();
  });
});
