import { DEFAULT_CLIENT } from '@makini-kit/sandbox';
import { describe, expect, it } from 'vitest';
import { consentAs } from '../server/sandboxAdmin.js';
import {
  connectionRow,
  connectionRows,
  connectionStatus,
  listConnections,
} from './connectionRows.js';
import { demoInChromium, SHOTS } from './demoInChromium.js';

// `pnpm demo --replicas 3`: three back-end processes sharing tokens, rate limits, health and the
// developer panel in Redis, behind the round-robin proxy the app and Makini's webhooks talk to.
const harness = demoInChromium('replicas', { replicas: 3 });

/** Health as each replica serves it, asked at the replica's own address. */
async function healthOnEveryReplica(key: string) {
  return Promise.all(
    harness.demo.replicas.map(async (replica) => {
      const response = await fetch(`${replica.url}/api/health`);
      const body = (await response.json()) as {
        connections: Record<string, { state: string } | undefined>;
      };
      return body.connections[key]?.state;
    }),
  );
}

describe('the demo on three replicas, end to end in Chromium', () => {
  it('plays the reconnect story whichever replica each request hits', async () => {
    const { demo, browser } = harness;
    expect(demo.replicas.map((replica) => replica.name).sort()).toEqual([
      'replica-1',
      'replica-2',
      'replica-3',
    ]);
    const answeredBy = new Set<string>();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.on('response', (response) => {
      const replica = response.headers()['x-demo-replica'];
      if (replica) answeredBy.add(replica);
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[browser] ${message.text()}`);
    });

    await page.goto(demo.appUrl);
    await expect.poll(() => connectionRows(page).count(), { timeout: 15_000 }).toBe(4);
    const [first] = await listConnections(demo.backendUrl);
    const key = first?.key ?? '';
    const name = first?.name ?? '';
    for (const row of await connectionRows(page)
      .locator('[data-makini="connection-status"]')
      .all()) {
      await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('healthy');
    }

    await page.getByRole('link', { name: 'Purchase orders' }).click();
    await expect
      .poll(() => page.locator('table.orders tbody tr[data-order]').count(), { timeout: 15_000 })
      .toBe(10);

    // The customer changes their system password: Makini's webhook lands on one replica.
    await page.getByRole('link', { name: 'Developer' }).click();
    const account = page.locator(`[data-account="${key}"]`);
    await expect.poll(() => account.count(), { timeout: 15_000 }).toBe(1);
    const oldPassword = await account.locator('[data-password]').textContent();
    await account.getByRole('button', { name: 'Rotate credentials' }).click();
    await expect
      .poll(() => account.locator('[data-password]').textContent(), { timeout: 10_000 })
      .not.toBe(oldPassword);
    const newPassword = (await account.locator('[data-password]').textContent()) ?? '';
    const username = (await account.locator('code').first().textContent()) ?? '';
    // The developer panel names the replicas that answered its calls.
    await expect
      .poll(() => page.getByRole('table', { name: 'Answered by' }).locator('tbody tr').count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}replicas-1-developer-panel.png` });

    // Every replica sees it, and the page turns red whichever replica its stream is on.
    await page.getByRole('link', { name: 'Connections' }).click();
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('reauthorization_required');
    await expect
      .poll(() => healthOnEveryReplica(key), { timeout: 15_000 })
      .toEqual([
        'reauthorization_required',
        'reauthorization_required',
        'reauthorization_required',
      ]);
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/needs to reconnect/);
    // One replica raised the alert, once.
    const alerts = (await (await fetch(`${demo.backendUrl}/api/alerts`)).json()) as {
      data: Array<{ connectionId: string; kind: string }>;
    };
    expect(
      alerts.data.filter(
        (alert) => alert.connectionId === key && alert.kind === 'reauthorization_required',
      ),
    ).toHaveLength(1);
    await page.screenshot({ path: `${SHOTS}replicas-2-reauthorization-required.png` });

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      connectionRow(page, name).getByRole('button', { name: 'Reconnect' }).click(),
    ]);
    await popup.waitForLoadState();
    await expect(popup.getByLabel('Username').inputValue()).resolves.toBe(username);
    await popup.getByLabel('Password').fill(newPassword);
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Connect' }).click(),
    ]);

    // The exchange ran on one replica; the new token and the health reach all of them.
    await expect
      .poll(() => connectionStatus(page, name).getAttribute('data-state'), { timeout: 15_000 })
      .toBe('healthy');
    await expect
      .poll(() => healthOnEveryReplica(key), { timeout: 15_000 })
      .toEqual(['healthy', 'healthy', 'healthy']);
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: `${SHOTS}replicas-3-healthy-again.png` });

    // Two page turns: 40-odd Makini calls through every replica, on the new token.
    await page.getByRole('link', { name: 'Purchase orders' }).click();
    await expect
      .poll(() => page.locator('table.orders tbody tr[data-order]').count(), { timeout: 15_000 })
      .toBe(10);
    const sandbox = demo.sandbox;
    if (!sandbox) throw new Error('the demo runs its own sandbox here');
    const served = sandbox.admin.requests().length;
    await page.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => page.locator('table.orders caption').textContent())
      .toMatch(/page 2 of/);
    expect(sandbox.admin.requests().length).toBeGreaterThan(served);

    expect([...answeredBy].sort()).toEqual(['replica-1', 'replica-2', 'replica-3']);
    // No replica refreshed with a refresh token another had used.
    expect(sandbox.admin.stats().refreshTokenReuse).toBe(0);
    await context.close();
  });

  it('keeps a reconnect link single-use across replicas, and every replica verifies it', async () => {
    const { demo } = harness;
    const [connection] = await listConnections(demo.backendUrl);
    const post = (base: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const minted = (await (
      await post(demo.backendUrl, '/api/dev/reconnect-link', { connectionId: connection?.key })
    ).json()) as { data: { url: string } };
    const token = new URL(minted.data.url).searchParams.get('token') ?? '';
    const verifyOnEach = () =>
      Promise.all(
        demo.replicas.map(async (replica) => {
          const answer = await post(replica.url, '/api/reconnect-links/verify', { token });
          const body = (await answer.json()) as { error?: { code: string } };
          return answer.ok ? 'ok' : body.error?.code;
        }),
      );
    // Minted on one replica, checked by all: they sign with the same secret.
    expect(await verifyOnEach()).toEqual(['ok', 'ok', 'ok']);
    // A code Makini refuses spends nothing: the customer may try again, on any replica.
    const [first, second] = demo.replicas;
    const refused = await post(first?.url ?? '', '/api/reconnect-links/exchange', {
      token,
      code: 'not-a-real-code',
      connectionId: connection?.key,
    });
    expect(refused.status).toBe(400);
    expect(await verifyOnEach()).toEqual(['ok', 'ok', 'ok']);
    // Redeemed on the second by a sign-in that worked: then refused as used by every replica.
    const sandbox = demo.sandbox;
    if (!sandbox) throw new Error('the demo runs its own sandbox here');
    const account = sandbox.admin
      .connections()
      .find((entry) => entry.connectionKey === connection?.key);
    if (!account) throw new Error('the sandbox lists the demo connection');
    const code = await consentAs(
      {
        linkUrl: demo.makiniUrl,
        clientId: DEFAULT_CLIENT.id,
        redirectUri: `${demo.appUrl}/link/callback`,
      },
      { platform: account.platform, username: account.username, password: account.password },
    );
    const exchange = await post(second?.url ?? '', '/api/reconnect-links/exchange', {
      token,
      code,
      connectionId: connection?.key,
    });
    expect(exchange.status).toBe(200);
    expect(await verifyOnEach()).toEqual(['LINK_USED', 'LINK_USED', 'LINK_USED']);
  });
});
