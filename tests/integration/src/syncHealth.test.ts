import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionHealthMonitor,
  exchangeCode,
  MakiniClient,
  WebhookEvent,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionClient, linkCode } from './helpers.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function sandboxWith(syncDurationMs: number, webhookUrl?: string) {
  const sandbox = await startSandbox({
    port: 0,
    orders: 5,
    syncDurationMs,
    ...(webhookUrl ? { webhooks: [{ url: webhookUrl }] } : {}),
  });
  open.push(sandbox);
  return sandbox;
}

function monitorOf() {
  const monitor = new ConnectionHealthMonitor({ pollIntervalMs: 60_000 });
  open.push({ close: () => monitor.dispose() });
  return monitor;
}

/** Connects a new account through the consent page, as a customer would. */
async function connectNew(sandbox: Sandbox, username: string) {
  const callback = await linkCode(sandbox, { platform: 'sap-s4hana', username, password: 'pw' });
  const tokens = await exchangeCode({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    code: callback.searchParams.get('code') ?? '',
    redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
  });
  const connection = sandbox.admin.connections().find((entry) => entry.username === username);
  if (!connection) throw new Error('no connection');
  return {
    id: connection.connectionKey,
    client: new MakiniClient({ baseUrl: sandbox.url, token: tokens.access_token }),
  };
}

/** A real webhook endpoint that hands every parsed event to the monitor. */
async function webhookReceiver(monitor: ConnectionHealthMonitor) {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = WebhookEvent.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      void monitor.applyEvent(event).finally(() => response.writeHead(200).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
}

describe('ConnectionHealthMonitor: health.sync against the sandbox', () => {
  it('reads inprogress from a poll while the first sync runs', async () => {
    // Long enough that no machine is too slow to see it running; close() drops it.
    const sandbox = await sandboxWith(60_000);
    const monitor = monitorOf();
    const { id, client } = await connectNew(sandbox, `poll-running-${Date.now()}`);
    monitor.track(id, client);
    await monitor.check(id);
    const health = monitor.get(id);
    expect(health).toMatchObject({ state: 'syncing', sync: { status: 'inprogress' } });
    const current = await client.integrations.current();
    expect(health?.sync?.updatedAt).toBe(Date.parse(current.sync_updated_at ?? ''));
  });

  it('reads the sync outcome from polls: fulldone first, fail after a rotation', async () => {
    const sandbox = await sandboxWith(0);
    const monitor = monitorOf();
    const { id, client } = await connectNew(sandbox, `poll-done-${Date.now()}`);
    monitor.track(id, client);
    await monitor.check(id);
    expect(monitor.get(id)).toMatchObject({ state: 'healthy', sync: { status: 'fulldone' } });
    const before = monitor.get(id)?.sync?.updatedAt ?? 0;

    sandbox.admin.rotateCredentials(id);
    await monitor.check(id);
    const health = monitor.get(id);
    expect(health).toMatchObject({
      state: 'reauthorization_required',
      sync: { status: 'fail' },
    });
    expect(health?.sync?.updatedAt).toBeGreaterThanOrEqual(before);
  });

  it('follows a sync through the webhooks the sandbox sends: progress, completed, failed', async () => {
    const monitor = monitorOf();
    const url = await webhookReceiver(monitor);
    const sandbox = await sandboxWith(200, url);
    const { client, connection } = await connectionClient(sandbox);
    const id = connection.connectionKey;
    monitor.track(id, client);

    sandbox.admin.startSync(id);
    await sandbox.admin.waitForDelivery(
      (attempt) => attempt.eventType === 'connection.status_changed' && attempt.ok,
    );
    await expect.poll(() => monitor.get(id)?.sync?.status).not.toBeUndefined();
    await expect.poll(() => monitor.get(id)?.sync?.status).toBe('done');
    expect(monitor.get(id)?.state).toBe('healthy');

    sandbox.admin.rotateCredentials(id);
    await expect.poll(() => monitor.get(id)?.sync?.status).toBe('fail');
    expect(monitor.get(id)).toMatchObject({
      state: 'reauthorization_required',
      sync: { status: 'fail', reason: expect.stringMatching(/rejected the saved credentials/) },
    });
  });

  it('records the progress event as inprogress before the sync ends', async () => {
    const monitor = monitorOf();
    const url = await webhookReceiver(monitor);
    const sandbox = await sandboxWith(60_000, url);
    const { client, connection } = await connectionClient(sandbox);
    const id = connection.connectionKey;
    monitor.track(id, client);
    sandbox.admin.startSync(id);
    await expect.poll(() => monitor.get(id)?.sync?.status).toBe('inprogress');
    expect(monitor.get(id)?.state).toBe('syncing');
  });
});
