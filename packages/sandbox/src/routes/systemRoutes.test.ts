import {
  ApiErrorBody,
  Client,
  Connection,
  ConnectionStore,
  ConnectionToken,
  FieldMapping,
  Integration,
  Page,
  Platform,
} from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { clientToken, connectionToken, firstConnection, getJson } from '../testHelpers.js';

let sandbox: Sandbox;
let systemToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 3 });
  systemToken = await clientToken(sandbox);
});
afterAll(() => sandbox.close());

const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
const send = (method: string, path: string, body?: unknown, token = systemToken) =>
  fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('system endpoints answer bodies that pass the core schemas', () => {
  it('lists connections on four platforms', async () => {
    const page = Page(Connection).parse(
      (await getJson(sandbox, '/api/system/connections', systemToken)).body,
    );
    expect(page.meta.total).toBe(4);
    expect(new Set(page.data.map((connection) => connection.integration_name)).size).toBe(4);
    expect(page.data.every((connection) => connection.status === 'active')).toBe(true);
  });

  it("lists platforms, the client and each platform's field mapping", async () => {
    const platforms = Page(Platform).parse(
      (await getJson(sandbox, '/api/system/platforms', systemToken)).body,
    );
    expect(platforms.data.map((platform) => platform.provider)).toEqual([
      'sap-s4hana',
      'oracle-netsuite',
      'ibm-maximo',
      'dynamics-365',
    ]);
    data(Client).parse((await getJson(sandbox, '/api/system/client', systemToken)).body);
    const coverage = [];
    for (const platform of platforms.data) {
      const { body } = await getJson(
        sandbox,
        `/api/x-sandbox/platforms/${platform.provider}/field-mapping`,
        systemToken,
      );
      coverage.push(
        data(FieldMapping)
          .parse(body)
          .data.purchase_order.map((entry) => entry.field)
          .sort()
          .join(),
      );
    }
    expect(new Set(coverage).size).toBe(4);
  });

  it('creates a connection, issues tokens, sets metadata and deletes it', async () => {
    const created = await send('POST', '/api/system/connections', {
      name: 'Harbor Cranes',
      email: 'it@harbor.example',
      provider: 'ibm-maximo',
      credentials: { login: 'HARBOR', password: 'pw' },
    });
    expect(created.status).toBe(200);
    const store = data(ConnectionStore).parse(await created.json()).data;
    const current = data(Integration).parse(
      (await getJson(sandbox, '/api/integrations/current', store.access_token)).body,
    );
    const key = current.data.id;

    const token = await send('POST', `/api/system/connections/${key}/token`);
    expect(data(ConnectionToken).parse(await token.json()).data.expiresAt).toBeGreaterThan(
      Date.now(),
    );

    const metadata = await send('POST', `/api/system/connections/${key}/metadata`, [
      { key: 'tenant', value: 't-42' },
    ]);
    expect(data(Connection).parse(await metadata.json()).data.user_metadata).toEqual({
      tenant: 't-42',
    });
    const listed = Page(Connection).parse(
      (await getJson(sandbox, `/api/system/connections/${key}/metadata`, systemToken)).body,
    );
    expect(listed.data[0]?.user_metadata).toEqual({ tenant: 't-42' });

    expect((await send('DELETE', `/api/system/connections/${key}`)).status).toBe(200);
    expect((await getJson(sandbox, '/api/integrations/current', store.access_token)).status).toBe(
      401,
    );
    expect((await send('DELETE', `/api/system/connections/${key}`)).status).toBe(404);
  });

  it('names the invalid field when creating a connection', async () => {
    const response = await send('POST', '/api/system/connections', {
      name: 'X',
      email: 'x@y.z',
      provider: 'abacus',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(ApiErrorBody.parse(await response.json()).error.fields ?? {})).toEqual([
      'provider',
    ]);
  });

  it('keeps system and data tokens apart', async () => {
    const dataToken = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
    expect((await getJson(sandbox, '/api/system/connections', dataToken)).status).toBe(403);
    expect((await getJson(sandbox, '/api/erp/purchase-orders', systemToken)).status).toBe(403);
  });
});

describe('authentication errors', () => {
  it.each([
    ['no header', undefined],
    ['an unknown token', 'Bearer sbx_at_nope'],
    ['a malformed header', 'Token abc'],
  ])('answers 401 AUTHENTICATION_FAILED for %s', async (_, authorization) => {
    const response = await fetch(`${sandbox.url}/api/erp/purchase-orders`, {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(ApiErrorBody.parse(await response.json()).error.code).toBe('AUTHENTICATION_FAILED');
  });

  it('answers unknown routes with 404 JSON and wrong methods with 405', async () => {
    const missing = await fetch(`${sandbox.url}/api/erp/spaceships`);
    expect(missing.status).toBe(404);
    expect(ApiErrorBody.parse(await missing.json()).error.request_id).toMatch(/^req_/);
    const wrong = await fetch(`${sandbox.url}/api/system/platforms`, { method: 'PATCH' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});
