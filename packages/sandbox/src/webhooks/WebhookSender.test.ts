import { createHmac } from 'node:crypto';
import { WebhookEvent } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { firstConnection, startReceiver } from '../testHelpers.js';

let sandbox: Sandbox | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await sandbox?.close();
  await receiver?.close();
});

describe('webhook delivery', () => {
  it('retries a failing receiver on the schedule, recording every attempt, with the same event id', async () => {
    receiver = await startReceiver((attempt) => (attempt <= 2 ? 500 : 204));
    sandbox = await startSandbox({ port: 0, orders: 1, webhookRetryScheduleMs: [20, 40, 80] });
    sandbox.admin.addWebhookEndpoint({ url: receiver.url });
    const event = sandbox.admin.trigger('sync.completed', firstConnection(sandbox).connectionKey);

    const success = await sandbox.admin.waitForDelivery((attempt) => attempt.ok);
    expect(success.attempt).toBe(3);
    const attempts = sandbox.admin.deliveries();
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 204, true],
    ]);
    expect(attempts[0]?.nextAttemptAt).toBeDefined();
    expect(new Set(attempts.map((attempt) => attempt.deliveryId)).size).toBe(1);
    expect(receiver.received.map((entry) => entry.headers['webhook-id'])).toEqual([
      event.id,
      event.id,
      event.id,
    ]);
    expect(WebhookEvent.parse(JSON.parse(receiver.received[2]?.body ?? '')).type).toBe(
      'sync.completed',
    );
  });

  it('gives up after the last scheduled retry', async () => {
    receiver = await startReceiver(() => 503);
    sandbox = await startSandbox({ port: 0, orders: 1, webhookRetryScheduleMs: [10] });
    sandbox.admin.addWebhookEndpoint({ url: receiver.url });
    sandbox.admin.trigger('sync.failed', firstConnection(sandbox).connectionKey);
    const last = await sandbox.admin.waitForDelivery((attempt) => attempt.attempt === 2);
    expect(last).toMatchObject({ ok: false, status: 503 });
    expect(last.nextAttemptAt).toBeUndefined();
  });

  it('records a refused connection as an attempt with an error', async () => {
    sandbox = await startSandbox({ port: 0, orders: 1, webhookRetryScheduleMs: [] });
    const gone = await startReceiver();
    await gone.close();
    sandbox.admin.addWebhookEndpoint({ url: gone.url });
    sandbox.admin.trigger('sync.completed', firstConnection(sandbox).connectionKey);
    const attempt = await sandbox.admin.waitForDelivery(() => true);
    expect(attempt).toMatchObject({ ok: false, status: null });
    expect(attempt.error).toMatch(/ECONNREFUSED/);
  });

  it('signs with several secrets during a rotation, and with the legacy body HMAC on request', async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ port: 0, orders: 1 });
    const oldSecret = `whsec_${Buffer.from('old-secret-old-secret-old-secret').toString('base64')}`;
    const newSecret = `whsec_${Buffer.from('new-secret-new-secret-new-secret').toString('base64')}`;
    sandbox.admin.addWebhookEndpoint({ url: receiver.url, secret: [oldSecret, newSecret] });
    sandbox.admin.addWebhookEndpoint({
      url: `${receiver.url}?legacy`,
      secret: 'legacy-secret',
      scheme: 'legacy',
    });
    sandbox.admin.trigger('purchase_order.updated', firstConnection(sandbox).connectionKey);
    await sandbox.admin.waitForDelivery((attempt) => attempt.url.endsWith('?legacy'));
    await sandbox.admin.waitForDelivery((attempt) => !attempt.url.endsWith('?legacy'));

    const standard = receiver.received.find((entry) => entry.headers['webhook-signature']);
    const signatures = String(standard?.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    const content = `${standard?.headers['webhook-id']}.${standard?.headers['webhook-timestamp']}.${standard?.body}`;
    for (const [index, secret] of [oldSecret, newSecret].entries()) {
      const digest = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
        .update(content)
        .digest('base64');
      expect(signatures[index]).toBe(`v1,${digest}`);
    }
    expect(WebhookEvent.parse(JSON.parse(standard?.body ?? '')).type).toBe(
      'purchase_order.updated',
    );

    const legacy = receiver.received.find((entry) => entry.headers['x-makini-signature']);
    const digest = createHmac('sha256', 'legacy-secret')
      .update(legacy?.body ?? '')
      .digest('base64');
    expect(legacy?.headers['x-makini-signature']).toBe(digest);
  });

  it('triggers any event type through the admin HTTP API with data that passes the core schema', async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ port: 0, orders: 1 });
    sandbox.admin.addWebhookEndpoint({ url: receiver.url });
    const types = WebhookEvent.options.map((option) => option.shape.type.value);
    for (const type of types) {
      const response = await fetch(`${sandbox.url}/__sandbox/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type, connection_id: firstConnection(sandbox).connectionKey }),
      });
      expect(response.status).toBe(201);
    }
    await sandbox.admin.waitForDelivery(() => sandbox?.admin.deliveries().length === types.length);
    const parsed = receiver.received.map((entry) => WebhookEvent.safeParse(JSON.parse(entry.body)));
    expect(
      parsed.filter((result) => !result.success).map((result) => result.error?.issues),
    ).toEqual([]);
    expect(parsed.map((result) => result.data?.type).sort()).toEqual([...types].sort());
  });
});

describe('webhook endpoint secrets', () => {
  const post = (body: unknown) =>
    fetch(`${sandbox?.url}/__sandbox/webhook-endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    ['a standard secret that is not base64', { secret: 'whsec_not base64!' }],
    ['a standard secret that decodes to nothing', { secret: 'whsec_' }],
    ['a null in a rotation', { secret: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', null] }],
    ['an empty rotation', { secret: [] }],
    ['an unknown scheme', { scheme: 'v2' }],
  ])('refuses %s with a 400 naming the field, and registers nothing', async (_, options) => {
    sandbox = await startSandbox({ port: 0, orders: 1 });
    const response = await post({ url: 'http://127.0.0.1:9/hook', ...options });
    expect(response.status).toBe(400);
    const field = 'scheme' in options ? 'scheme' : 'secret';
    expect(await response.json()).toMatchObject({
      error: { code: 'VALIDATION_ERROR', fields: { [field]: [expect.any(String)] } },
    });
    expect(sandbox.admin.webhookEndpoints()).toEqual([]);
  });

  it('takes any non-empty legacy secret as written, and a standard secret with or without whsec_', async () => {
    sandbox = await startSandbox({ port: 0, orders: 1 });
    for (const options of [
      { secret: 'plain legacy secret: any text', scheme: 'legacy' },
      { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      { secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    ]) {
      expect((await post({ url: 'http://127.0.0.1:9/hook', ...options })).status).toBe(201);
    }
    expect(sandbox.admin.webhookEndpoints()).toHaveLength(3);
  });
});
