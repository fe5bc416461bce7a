import { createHmac } from 'node:crypto';
import { ApiErrorBody, Integration, TokenResponse, WebhookEvent } from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type Sandbox, startSandbox } from './startSandbox.js';
import {
  connectionToken,
  exchangeCode,
  firstConnection,
  getJson,
  runLink,
  startReceiver,
} from './testHelpers.js';

const SECRET = `whsec_${Buffer.from('a-32-byte-secret-for-the-tests!!').toString('base64')}`;

let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({
    port: 0,
    orders: 20,
    webhooks: [{ url: receiver.url, secret: SECRET }],
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

/** Verifies a Standard Webhooks signature independently of the sandbox's own signer. */
function verify(delivery: {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}) {
  const id = String(delivery.headers['webhook-id']);
  const timestamp = String(delivery.headers['webhook-timestamp']);
  const expected = createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64'))
    .update(`${id}.${timestamp}.${delivery.body}`)
    .digest('base64');
  return String(delivery.headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

describe('credential rotation → 401 → webhook → Link again → recovery', () => {
  it('plays the whole story', async () => {
    const connection = firstConnection(sandbox);
    const oldToken = await connectionToken(sandbox, connection.connectionKey);
    expect((await getJson(sandbox, '/api/erp/purchase-orders', oldToken)).status).toBe(200);

    const rotated = sandbox.admin.rotateCredentials(connection.connectionKey);
    expect(rotated.password).not.toBe(connection.password);

    const failing = await getJson(sandbox, '/api/erp/purchase-orders', oldToken);
    expect(failing.status).toBe(401);
    const error = ApiErrorBody.parse(failing.body).error;
    expect(error).toMatchObject({
      code: 'REAUTHORIZATION_REQUIRED',
      connection_id: connection.connectionKey,
    });
    expect(error.request_id).toBe(failing.response.headers.get('x-request-id'));

    const current = await getJson(sandbox, '/api/integrations/current', oldToken);
    expect(z.object({ data: Integration }).parse(current.body).data.sync_status).toBe('fail');
    const listed = (await sandbox.admin.connections()).find(
      (entry) => entry.connectionKey === connection.connectionKey,
    );
    expect(listed?.status).toBe('reauthorization_required');

    const attempt = await sandbox.admin.waitForDelivery(
      (entry) => entry.eventType === 'connection.reauthorization_required',
    );
    expect(attempt).toMatchObject({ ok: true, status: 200, attempt: 1 });
    const delivered = receiver.received.find((entry) =>
      entry.body.includes('reauthorization_required'),
    );
    expect(delivered && verify(delivered)).toBe(true);
    const event = WebhookEvent.parse(JSON.parse(delivered?.body ?? '{}'));
    expect(event).toMatchObject({
      type: 'connection.reauthorization_required',
      connection_id: connection.connectionKey,
    });

    // The old password no longer signs in; the new one does.
    expect((await runLink(sandbox, { ...rotated, password: connection.password })).status).toBe(
      401,
    );
    const link = await runLink(sandbox, rotated);
    expect(link.status).toBe(303);
    const tokens = TokenResponse.parse(
      (await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '')).body,
    );

    expect((await getJson(sandbox, '/api/erp/purchase-orders', tokens.access_token)).status).toBe(
      200,
    );
    const recovered = await getJson(sandbox, '/api/integrations/current', tokens.access_token);
    expect(z.object({ data: Integration }).parse(recovered.body).data.sync_status).toBe('done');

    const stale = await getJson(sandbox, '/api/erp/purchase-orders', oldToken);
    expect(stale.status).toBe(401);
    expect(ApiErrorBody.parse(stale.body).error.code).toBe('AUTHENTICATION_FAILED');

    await sandbox.admin.waitForDelivery((entry) => entry.eventType === 'connection.reauthorized');
    await sandbox.admin.waitForDelivery((entry) => entry.eventType === 'sync.completed');
    const reauthorized = receiver.received.map((entry) =>
      WebhookEvent.parse(JSON.parse(entry.body)),
    );
    const types = reauthorized.map((entry) => entry.type);
    expect(types.filter((type) => type.startsWith('connection.'))).toEqual([
      'connection.reauthorization_required',
      'connection.reauthorized',
    ]);
    // The sync after the rotation failed; the one after Link again completed.
    expect(types.filter((type) => type.startsWith('sync.'))).toEqual([
      'sync.failed',
      'sync.completed',
    ]);
    expect(types).toHaveLength(4);
  });

  it('refuses to refresh a connection that needs reauthorization', async () => {
    const connection = sandbox.admin.connections()[1];
    if (!connection) throw new Error('seeded connection missing');
    const link = await runLink(sandbox, connection);
    const tokens = TokenResponse.parse(
      (await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '')).body,
    );
    sandbox.admin.rotateCredentials(connection.connectionKey);
    const response = await fetch(`${sandbox.url}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
        client_id: 'sandbox_client',
        client_secret: 'sandbox_secret',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/Link again/),
    });
  });
});
