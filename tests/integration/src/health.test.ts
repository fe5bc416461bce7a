import {
  ConnectionHealthMonitor,
  createHealthHandler,
  createRemoteHealthSource,
  exchangeCode,
  type HealthAlert,
  MakiniClient,
  WebhookEvent,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionClient, linkCode } from './helpers.js';
import { serveFetch } from './nodeFetchServer.js';

let sandbox: Sandbox;
let monitor: ConnectionHealthMonitor;
let alerts: HealthAlert[];

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20 });
  alerts = [];
  monitor = new ConnectionHealthMonitor({
    pollIntervalMs: 60_000,
    onAlert: (alert) => alerts.push(alert),
  });
});
afterEach(async () => {
  monitor.dispose();
  await sandbox.close();
});

const stateOf = (id: string) => monitor.get(id)?.state;
const currentCalls = () =>
  sandbox.admin.requests().filter((entry) => entry.path === '/api/integrations/current').length;

async function reconnect(credentials: { platform: string; username: string; password: string }) {
  const callback = await linkCode(sandbox, credentials);
  const tokens = await exchangeCode({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    code: callback.searchParams.get('code') ?? '',
    redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
  });
  return new MakiniClient({ baseUrl: sandbox.url, token: tokens.access_token });
}

describe('ConnectionHealthMonitor against the sandbox', () => {
  it('polls only while subscribed, reports reauthorization within one poll, alerts once, and heals after Link', async () => {
    const { client, connection } = await connectionClient(sandbox);
    const id = connection.connectionKey;
    monitor.track(id, client);
    await monitor.check();
    expect(
      sandbox.admin.requests().filter((entry) => entry.path === '/api/integrations/current'),
    ).toHaveLength(1);
    expect(stateOf(id)).toBe('healthy');

    let notified = 0;
    const unsubscribe = monitor.subscribe(() => notified++);
    await expect
      .poll(
        () =>
          sandbox.admin.requests().filter((entry) => entry.path === '/api/integrations/current')
            .length,
      )
      .toBe(2);

    const credentials = sandbox.admin.rotateCredentials(id);
    await monitor.check();
    expect(stateOf(id)).toBe('reauthorization_required');
    expect(monitor.get(id)?.reason).toMatch(/reconnect/);
    await monitor.check();
    await monitor.check();
    expect(alerts.map((alert) => alert.kind)).toEqual(['reauthorization_required']);
    expect(notified).toBeGreaterThan(0);

    monitor.track(id, await reconnect(credentials));
    await monitor.check(id);
    expect(stateOf(id)).toBe('healthy');
    expect(monitor.get(id)?.history.map((step) => step.to)).toEqual([
      'healthy',
      'reauthorization_required',
      'healthy',
    ]);
    // A new episode alerts again.
    sandbox.admin.rotateCredentials(id);
    await monitor.check(id);
    expect(alerts.map((alert) => alert.kind)).toEqual([
      'reauthorization_required',
      'reauthorization_required',
    ]);

    unsubscribe();
    const polled = sandbox.admin.requests().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.admin.requests().length).toBe(polled);
  });

  it('checks each connection at most once per poll interval however often the first subscriber comes and goes', async () => {
    let clock = 1_000_000;
    const churned = new ConnectionHealthMonitor({ pollIntervalMs: 60_000, now: () => clock });
    const ids: string[] = [];
    for (const index of [0, 1, 2, 3]) {
      const { client, connection } = await connectionClient(sandbox, index);
      churned.track(connection.connectionKey, client);
      ids.push(connection.connectionKey);
    }
    const settled = async (calls: number) => {
      await expect.poll(currentCalls).toBe(calls);
      await expect.poll(() => ids.every((id) => churned.get(id)?.checkedAt === clock)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(currentCalls()).toBe(calls);
    };
    try {
      // What a client opening and closing the health event stream in a loop does.
      for (let visit = 0; visit < 20; visit++) churned.subscribe(() => {})();
      await settled(4);
      for (let visit = 0; visit < 20; visit++) churned.subscribe(() => {})();
      clock += 59_999;
      for (let visit = 0; visit < 20; visit++) churned.subscribe(() => {})();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(currentCalls()).toBe(4);

      clock += 1;
      churned.subscribe(() => {})();
      await settled(8);
    } finally {
      churned.dispose();
    }
  });

  it('joins a check already in flight instead of asking Makini again', async () => {
    const { client, connection } = await connectionClient(sandbox);
    monitor.track(connection.connectionKey, client);
    await Promise.all([monitor.check(), monitor.check(connection.connectionKey), monitor.check()]);
    expect(currentCalls()).toBe(1);
    expect(stateOf(connection.connectionKey)).toBe('healthy');

    // The first subscriber's check is in flight: an explicit one waits for its answer.
    const unsubscribe = monitor.subscribe(() => {});
    await monitor.check();
    expect(currentCalls()).toBe(2);
    unsubscribe();

    // Once answered, the next explicit check asks again.
    await monitor.check();
    expect(currentCalls()).toBe(3);
  });

  it('flips at once on a failed call of the tracked client', async () => {
    const { client, connection } = await connectionClient(sandbox, 1);
    monitor.track(connection.connectionKey, client);
    await monitor.check();
    sandbox.admin.rotateCredentials(connection.connectionKey);
    await client.purchaseOrders.list().then(
      () => undefined,
      () => undefined,
    );
    expect(stateOf(connection.connectionKey)).toBe('reauthorization_required');
  });

  it('flips at once on the webhook event, before any poll', async () => {
    const { client, connection } = await connectionClient(sandbox, 2);
    monitor.track(connection.connectionKey, client);
    await monitor.check();
    const event = WebhookEvent.parse({
      id: 'evt_1',
      type: 'connection.reauthorization_required',
      created_at: new Date().toISOString(),
      connection_id: connection.connectionKey,
      data: { reason: 'The SAP password was changed.' },
    });
    void monitor.applyEvent(event);
    expect(monitor.get(connection.connectionKey)).toMatchObject({
      state: 'reauthorization_required',
      reason: 'The SAP password was changed.',
    });
    // "Reauthorized" is checked with this app's own token before the connection counts as healthy.
    await monitor.applyEvent({
      ...event,
      id: 'evt_2',
      type: 'connection.reauthorized',
      data: {},
    } as WebhookEvent);
    expect(stateOf(connection.connectionKey)).toBe('healthy');
  });

  it('does not call a reauthorized connection healthy while this app still holds the dead token', async () => {
    const { client, connection } = await connectionClient(sandbox, 1);
    monitor.track(connection.connectionKey, client);
    await monitor.check();
    const credentials = sandbox.admin.rotateCredentials(connection.connectionKey);
    await linkCode(sandbox, credentials);
    const reauthorized = WebhookEvent.parse({
      id: 'evt_3',
      type: 'connection.reauthorized',
      created_at: new Date().toISOString(),
      connection_id: connection.connectionKey,
      data: {},
    });
    await monitor.applyEvent(reauthorized);
    expect(stateOf(connection.connectionKey)).toBe('reauthorization_required');
  });

  it('turns degraded when the error rate crosses the threshold, and alerts once', async () => {
    const { client, connection } = await connectionClient(sandbox, 3, { maxRetries: 0 });
    monitor.track(connection.connectionKey, client);
    await monitor.check();
    sandbox.admin.addFault({ route: '/api/erp/', kind: 'error', status: 500, times: 6 });
    for (let call = 0; call < 8; call++)
      await client.purchaseOrders.list().then(
        () => undefined,
        () => undefined,
      );
    expect(monitor.get(connection.connectionKey)).toMatchObject({ state: 'degraded' });
    expect(monitor.get(connection.connectionKey)?.errorRate).toBeGreaterThan(0.5);
    expect(alerts.filter((alert) => alert.kind === 'error_rate')).toHaveLength(1);
  });
});

describe('createRemoteHealthSource', () => {
  it("follows the back end's monitor over Server-Sent Events, with no token in what it receives", async () => {
    const { client, connection, token } = await connectionClient(sandbox);
    monitor.track(connection.connectionKey, client);
    await monitor.check();
    const handler = createHealthHandler(monitor, { heartbeatMs: 50 });
    const backEnd = await serveFetch(handler);
    const remote = createRemoteHealthSource({ url: `${backEnd.url}/api/health` });
    const received: string[] = [];
    const unsubscribe = remote.subscribe(() => received.push(JSON.stringify(remote.getSnapshot())));
    try {
      await expect
        .poll(() => remote.getSnapshot().connections[connection.connectionKey]?.state)
        .toBe('healthy');
      sandbox.admin.rotateCredentials(connection.connectionKey);
      await monitor.check();
      await expect
        .poll(() => remote.getSnapshot().connections[connection.connectionKey]?.state)
        .toBe('reauthorization_required');
      expect(received.join('\n')).not.toContain(token);
    } finally {
      unsubscribe();
      remote.close();
      await backEnd.close();
    }
  });
});
