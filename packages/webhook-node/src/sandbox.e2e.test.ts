import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEventOf } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler, MemoryDedupeStore, toNodeHandler } from './index.js';

const SECRET = `whsec_${Buffer.from('end-to-end-end-to-end-end-to-end').toString('base64')}`;

let sandbox: Sandbox;
let receiverUrl: string;
let closeReceiver: () => Promise<void>;
const reauthorizations: Array<WebhookEventOf<'connection.reauthorization_required'>> = [];
const recovered: string[] = [];
let failNextReauthorized = true;

beforeAll(async () => {
  const handler = createWebhookHandler({
    secret: SECRET,
    dedupe: new MemoryDedupeStore(),
    onError: () => undefined,
    on: {
      'connection.reauthorization_required': (event) => void reauthorizations.push(event),
      'connection.reauthorized': (event) => {
        if (failNextReauthorized) {
          failNextReauthorized = false;
          throw new Error('database briefly unavailable');
        }
        recovered.push(event.connection_id);
      },
    },
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  closeReceiver = () => new Promise((resolve) => server.close(() => resolve()));
  sandbox = await startSandbox({ port: 0, orders: 5, webhookRetryScheduleMs: [50, 100] });
  sandbox.admin.addWebhookEndpoint({ url: receiverUrl, secret: SECRET });
});
afterAll(async () => {
  await sandbox.close();
  await closeReceiver();
});

describe('the sandbox as the sender', () => {
  it('delivers a verified reauthorization event, and a retried event once the handler recovers', async () => {
    const connection = sandbox.admin.connections()[0];
    if (!connection) throw new Error('no seeded connection');
    const credentials = sandbox.admin.rotateCredentials(connection.connectionKey);
    await sandbox.admin.waitForDelivery(
      (attempt) => attempt.eventType === 'connection.reauthorization_required',
    );
    expect(
      reauthorizations.map((event) => [event.connection_id, typeof event.data.reason]),
    ).toEqual([[connection.connectionKey, 'string']]);

    // Reconnect through the consent form; the sandbox then sends connection.reauthorized.
    const form = new URLSearchParams({
      client_id: 'sandbox_client',
      action: 'allow',
      state: 's',
      platform: credentials.platform,
      username: credentials.username,
      password: credentials.password,
    });
    const link = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(link.status).toBe(303);
    const success = await sandbox.admin.waitForDelivery(
      (attempt) => attempt.eventType === 'connection.reauthorized' && attempt.ok,
    );
    expect(success.attempt).toBe(2);
    const attempts = sandbox.admin
      .deliveries()
      .filter((attempt) => attempt.eventType === 'connection.reauthorized');
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(recovered).toEqual([connection.connectionKey]);
  });
});
