import { Integration, WebhookEvent } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { SandboxOptionsError } from './SandboxOptionsError.js';
import { type Sandbox, startSandbox } from './startSandbox.js';
import {
  connectionToken,
  exchangeCode,
  firstConnection,
  getJson,
  runLink,
  startReceiver,
} from './testHelpers.js';

const SECRET = `whsec_${Buffer.from('a-32-byte-secret-for-sync-tests!').toString('base64')}`;
const CurrentIntegration = z.object({ data: Integration });

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
/** Each test's own receiver: seeded connection keys are the same in every sandbox. */
let receiver: Receiver;
const open: Array<Sandbox | Receiver> = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function sandboxWith(syncDurationMs?: number) {
  receiver = await startReceiver();
  open.push(receiver);
  const sandbox = await startSandbox({
    port: 0,
    orders: 5,
    ...(syncDurationMs === undefined ? {} : { syncDurationMs }),
    webhooks: [{ url: receiver.url, secret: SECRET }],
  });
  open.push(sandbox);
  return sandbox;
}

async function syncOf(sandbox: Sandbox, connectionKey: string) {
  const token = await connectionToken(sandbox, connectionKey);
  const answer = await getJson(sandbox, '/api/integrations/current', token);
  return CurrentIntegration.parse(answer.body).data;
}

/** Every event delivered for a connection so far, parsed with core's schema. */
function eventsOf(connectionKey: string) {
  return receiver.received
    .map((entry) => WebhookEvent.parse(JSON.parse(entry.body)))
    .filter((event) => event.connection_id === connectionKey);
}

async function connectNew(sandbox: Sandbox, username: string) {
  const link = await runLink(sandbox, { platform: 'sap-s4hana', username, password: 'pw-1' });
  expect(link.status).toBe(303);
  const tokens = await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '');
  const connection = sandbox.admin.connections().find((entry) => entry.username === username);
  if (!connection || typeof tokens.body.access_token !== 'string') throw new Error('not connected');
  return connection;
}

describe('simulated syncs', () => {
  it('reports inprogress while a sync runs, announced by connection.status_changed', async () => {
    // Long enough that no machine is too slow to see it running; close() drops it.
    const sandbox = await sandboxWith(60_000);
    const connection = await connectNew(sandbox, `running-${Date.now()}`);
    expect((await syncOf(sandbox, connection.connectionKey)).sync_status).toBe('inprogress');
    await sandbox.admin.waitForDelivery(
      (attempt) => attempt.eventType === 'connection.status_changed',
    );
    const started = eventsOf(connection.connectionKey).find(
      (event) => event.type === 'connection.status_changed',
    );
    expect(started?.data).toMatchObject({ status: 'syncing', sync_status: 'inprogress' });
    expect(eventsOf(connection.connectionKey).map((event) => event.type)).not.toContain(
      'sync.completed',
    );
  });

  it("ends a new connection's first sync after syncDurationMs with fulldone and sync.completed", async () => {
    const sandbox = await sandboxWith(300);
    const connection = await connectNew(sandbox, `first-sync-${Date.now()}`);
    await sandbox.admin.waitForDelivery((attempt) => attempt.eventType === 'sync.completed');
    const events = eventsOf(connection.connectionKey);
    const started = events.find((event) => event.type === 'connection.status_changed');
    const completed = events.find((event) => event.type === 'sync.completed');
    // On the sandbox's clock the sync ran for at least syncDurationMs (timers may fire 1 ms early).
    expect(
      Date.parse(completed?.created_at ?? '') - Date.parse(started?.created_at ?? ''),
    ).toBeGreaterThanOrEqual(299);
    expect(completed?.data).toMatchObject({ sync_status: 'fulldone', records: 5 });
    const ended = await syncOf(sandbox, connection.connectionKey);
    expect(ended.sync_status).toBe('fulldone');
    expect(Date.parse(ended.sync_updated_at ?? '')).toBe(
      Date.parse(String(completed?.type === 'sync.completed' && completed.data.completed_at)),
    );
  });

  it('ends at once by default, so sync_status is final when the sign-in returns', async () => {
    const sandbox = await sandboxWith();
    const connection = await connectNew(sandbox, `instant-${Date.now()}`);
    expect((await syncOf(sandbox, connection.connectionKey)).sync_status).toBe('fulldone');
    expect((await syncOf(sandbox, firstConnection(sandbox).connectionKey)).sync_status).toBe(
      'done',
    );
  });

  it('ends the sync after a credential rotation with fail and sync.failed, and the one after Link again with done', async () => {
    const sandbox = await sandboxWith(200);
    const { connectionKey } = firstConnection(sandbox);
    const token = await connectionToken(sandbox, connectionKey);
    const rotated = sandbox.admin.rotateCredentials(connectionKey);
    await expect
      .poll(async () => {
        const answer = await getJson(sandbox, '/api/integrations/current', token);
        return CurrentIntegration.parse(answer.body).data.sync_status;
      })
      .toBe('fail');
    await sandbox.admin.waitForDelivery((attempt) => attempt.eventType === 'sync.failed');
    const failed = eventsOf(connectionKey).find((event) => event.type === 'sync.failed');
    expect(failed?.data).toMatchObject({
      sync_status: 'fail',
      error: { code: 'REAUTHORIZATION_REQUIRED', message: expect.stringMatching(/reconnect/) },
    });

    const link = await runLink(sandbox, rotated);
    expect(link.status).toBe(303);
    await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '');
    await expect.poll(async () => (await syncOf(sandbox, connectionKey)).sync_status).toBe('done');
  });

  it('starts a sync with a chosen outcome from admin.startSync and from the admin route', async () => {
    const sandbox = await sandboxWith();
    const { connectionKey } = firstConnection(sandbox);
    expect(sandbox.admin.startSync(connectionKey, { outcome: 'error' })).toMatchObject({
      connectionKey,
      status: 'error',
    });
    expect(await syncOf(sandbox, connectionKey)).toMatchObject({ sync_status: 'error' });
    await sandbox.admin.waitForDelivery((attempt) => attempt.eventType === 'sync.failed');

    const post = (key: string, body: unknown) =>
      fetch(`${sandbox.url}/__sandbox/connections/${key}/syncs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const started = await post(connectionKey, { outcome: 'fulldone' });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ data: { connectionKey, status: 'fulldone' } });
    expect((await syncOf(sandbox, connectionKey)).sync_status).toBe('fulldone');

    const refused = await post(connectionKey, { outcome: 'finished' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/done, fulldone, error, fail/);
    expect((await post('0999', {})).status).toBe(404);
    expect(() => sandbox.admin.startSync(connectionKey, { outcome: 'later' as never })).toThrow(
      RangeError,
    );
  });

  it('holds a sync for the durationMs given, and ends it with another of durationMs 0', async () => {
    const sandbox = await sandboxWith();
    const { connectionKey } = firstConnection(sandbox);
    const started = await fetch(`${sandbox.url}/__sandbox/connections/${connectionKey}/syncs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duration_ms: 60_000 }),
    });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ data: { status: 'inprogress' } });
    expect((await syncOf(sandbox, connectionKey)).sync_status).toBe('inprogress');
    sandbox.admin.startSync(connectionKey, { outcome: 'fulldone', durationMs: 0 });
    expect((await syncOf(sandbox, connectionKey)).sync_status).toBe('fulldone');
    expect(() => sandbox.admin.startSync(connectionKey, { durationMs: -5 })).toThrow(
      /durationMs must be a whole number/,
    );
    const refused = await fetch(`${sandbox.url}/__sandbox/connections/${connectionKey}/syncs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duration_ms: 'long' }),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/duration_ms/);
  });

  it('a sync started while one runs replaces it', async () => {
    const sandbox = await sandboxWith(300);
    const { connectionKey } = firstConnection(sandbox);
    sandbox.admin.startSync(connectionKey, { outcome: 'error' });
    sandbox.admin.startSync(connectionKey, { outcome: 'done' });
    await expect.poll(async () => (await syncOf(sandbox, connectionKey)).sync_status).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await syncOf(sandbox, connectionKey)).sync_status).toBe('done');
  });

  it('refuses a syncDurationMs that is not a whole number of ms', async () => {
    for (const syncDurationMs of [-1, 1.5, Number.NaN, 2 ** 31]) {
      await expect(startSandbox({ port: 0, syncDurationMs })).rejects.toSatisfy(
        (error) =>
          error instanceof SandboxOptionsError &&
          error.code === 'INVALID_SYNC_DURATION' &&
          /syncDurationMs must be a whole number/.test(error.message),
      );
    }
  });
});
