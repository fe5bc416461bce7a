import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOptions } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, getJson, startReceiver } from '../testHelpers.js';

/** Every behaviour FIDELITY.md marks as an assumption with a switch, shown on and off. */
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function start(options: SandboxOptions) {
  const sandbox = await startSandbox({ port: 0, orders: 5, ...options });
  open.push(sandbox);
  const key = sandbox.admin.connections()[0]?.connectionKey ?? '';
  return { sandbox, token: await connectionToken(sandbox, key) };
}

const send = (sandbox: Sandbox, token: string, method: string, path: string, body: unknown) =>
  fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': 'same-key',
    },
    body: JSON.stringify(body),
  });

describe('rateLimitHeaders', () => {
  it.each([true, false])(
    'x-ratelimit-* headers when %s; the 429 and Retry-After either way',
    async (on) => {
      const { sandbox, token } = await start({
        rateLimit: 1,
        assumptions: { rateLimitHeaders: on },
      });
      const first = await getJson(sandbox, '/api/erp/vendors', token);
      expect(first.status).toBe(200);
      expect(first.response.headers.get('x-ratelimit-limit')).toBe(on ? '1' : null);
      expect(first.response.headers.get('x-ratelimit-remaining')).toBe(on ? '0' : null);
      const limited = await getJson(sandbox, '/api/erp/vendors', token);
      expect(limited.status).toBe(429);
      expect(limited.response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited.response.headers.get('x-ratelimit-limit')).toBe(on ? '1' : null);
    },
  );
});

describe('idempotency', () => {
  it('on: the same key replays the first reply, another body is refused with 409', async () => {
    const { sandbox, token } = await start({});
    const first = await send(sandbox, token, 'POST', '/api/erp/products', { name: 'A' });
    const again = await send(sandbox, token, 'POST', '/api/erp/products', { name: 'A' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const other = await send(sandbox, token, 'POST', '/api/erp/products', { name: 'B' });
    expect(other.status).toBe(409);
  });

  it('off: the key is ignored and every write is a new one', async () => {
    const { sandbox, token } = await start({ assumptions: { idempotency: false } });
    const first = (await (
      await send(sandbox, token, 'POST', '/api/erp/products', { name: 'A' })
    ).json()) as { data: { key: string } };
    const again = await send(sandbox, token, 'POST', '/api/erp/products', { name: 'A' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(((await again.json()) as { data: { key: string } }).data.key).not.toBe(first.data.key);
  });
});

describe('recordWebhooks', () => {
  it.each([true, false])(
    'product.inserted is sent when %s; purchase_order.* always (official)',
    async (on) => {
      const receiver = await startReceiver();
      open.push(receiver);
      const { sandbox, token } = await start({
        webhooks: [{ url: receiver.url }],
        assumptions: { recordWebhooks: on, idempotency: false },
      });
      expect((await send(sandbox, token, 'POST', '/api/erp/products', { name: 'A' })).status).toBe(
        200,
      );
      const order = (
        await getJson<{ data: Array<{ key: string }> }>(
          sandbox,
          '/api/erp/purchase-orders?per_page=1',
          token,
        )
      ).body.data[0];
      const put = await send(sandbox, token, 'PUT', `/api/erp/purchase-orders/${order?.key}`, {
        notes: 'Call before delivery.',
      });
      expect(put.status).toBe(200);
      // The product event is emitted first: once the order's arrived, the product's has too if any.
      await sandbox.admin.waitForDelivery(
        (attempt) => attempt.eventType === 'purchase_order.updated',
      );
      if (on)
        await sandbox.admin.waitForDelivery((attempt) => attempt.eventType === 'product.inserted');
      const types = sandbox.admin.deliveries().map((attempt) => attempt.eventType);
      expect(types.includes('product.inserted')).toBe(on);
    },
  );
});

describe('webhookRetry.scale', () => {
  it.each([
    [1, 30_000],
    [1 / 30, 1_000],
  ])('scale %s schedules the first retry %s ms after a failed delivery', async (scale, delay) => {
    const receiver = await startReceiver(() => 500);
    open.push(receiver);
    const now = Date.UTC(2026, 0, 1, 12);
    const { sandbox } = await start({
      webhooks: [{ url: receiver.url }],
      webhookRetry: { scale },
      now: () => now,
    });
    const key = sandbox.admin.connections()[0]?.connectionKey ?? '';
    sandbox.admin.trigger('connection.status', key, {});
    const failed = await sandbox.admin.waitForDelivery((attempt) => attempt.attempt === 1);
    expect(failed.ok).toBe(false);
    expect(Date.parse(failed.nextAttemptAt ?? '') - Date.parse(failed.at)).toBe(delay);
  });
});
