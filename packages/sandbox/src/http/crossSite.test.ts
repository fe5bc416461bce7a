import { ApiErrorBody } from '@makini-kit/core';
import { rawRequest } from '@makini-kit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { clientToken, connectionToken, firstConnection } from '../testHelpers.js';

const send = rawRequest;

const errorOf = (text: string) => ApiErrorBody.parse(JSON.parse(text)).error;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 3 });
});
afterAll(() => sandbox.close());

describe('JSON bodies', () => {
  const attacks = [
    { name: 'no content-type', headers: {} },
    { name: 'text/plain', headers: { 'content-type': 'text/plain' } },
    { name: 'text/plain; x=json', headers: { 'content-type': 'text/plain; x=json' } },
    { name: 'application/jsonp', headers: { 'content-type': 'application/jsonp' } },
    { name: 'form-encoded', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  ];

  it.each(attacks)('refuses an admin body sent as $name, changing nothing', async ({ headers }) => {
    const endpoint = await send(sandbox.url, {
      method: 'POST',
      path: '/__sandbox/webhook-endpoints',
      headers,
      body: JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data' }),
    });
    expect(endpoint.status, endpoint.text).toBe(415);
    expect(errorOf(endpoint.text)).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/content-type: application\/json/),
      fields: { 'content-type': [expect.any(String)] },
    });
    const redirect = await send(sandbox.url, {
      method: 'POST',
      path: `/__sandbox/clients/${DEFAULT_CLIENT.id}/redirect-uris`,
      headers,
      body: JSON.stringify({ redirect_uri: 'http://127.0.0.1:1/steal' }),
    });
    expect(redirect.status, redirect.text).toBe(415);
    const faults = await send(sandbox.url, {
      method: 'POST',
      path: '/__sandbox/faults',
      headers,
      body: JSON.stringify({ route: '/api/', kind: 'error', times: 5 }),
    });
    expect(faults.status, faults.text).toBe(415);
    expect(sandbox.admin.webhookEndpoints()).toEqual([]);
    expect(sandbox.admin.faults()).toEqual([]);
    const authorize = await fetch(
      `${sandbox.url}/oauth/authorize?response_type=code&client_id=${DEFAULT_CLIENT.id}&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/steal')}`,
    );
    expect(authorize.status).toBe(400);
  });

  it.each(attacks)(
    'refuses a bodiless admin write sent as $name (a simple cross-site POST)',
    async ({ headers }) => {
      const before = firstConnection(sandbox);
      const rotate = await send(sandbox.url, {
        method: 'POST',
        path: `/__sandbox/connections/${before.connectionKey}/rotate-credentials`,
        headers,
      });
      expect(rotate.status, rotate.text).toBe(415);
      expect(firstConnection(sandbox).password).toBe(before.password);
    },
  );

  it('refuses an API body that is not application/json', async () => {
    const token = await clientToken(sandbox);
    const created = await send(sandbox.url, {
      method: 'POST',
      path: '/api/system/connections',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; x=json' },
      body: JSON.stringify({
        name: 'Plant 9',
        email: 'ops@example.com',
        provider: firstConnection(sandbox).platform,
        credentials: { login: 'x', password: 'y' },
      }),
    });
    expect(created.status, created.text).toBe(415);
    expect(sandbox.admin.connections().some((connection) => connection.name === 'Plant 9')).toBe(
      false,
    );
  });

  it('accepts application/json, with a charset and in any case', async () => {
    for (const type of ['application/json', 'Application/JSON; charset=utf-8']) {
      const set = await send(sandbox.url, {
        method: 'PUT',
        path: '/__sandbox/rate-limit',
        headers: { 'content-type': type },
        body: JSON.stringify({ limit: 0 }),
      });
      expect(set.status, set.text).toBe(200);
    }
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('refuses a foreign Host on every route, admin and API alike', async () => {
    const port = new URL(sandbox.url).port;
    const token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`]) {
      for (const path of [
        '/__sandbox/connections',
        '/api/erp/purchase-orders',
        '/api/integrations/current',
        `/oauth/authorize?response_type=code&client_id=${DEFAULT_CLIENT.id}`,
      ]) {
        const answer = await send(sandbox.url, {
          path,
          headers: { host, authorization: `Bearer ${token}` },
        });
        expect(answer.status, `${host} ${path}`).toBe(403);
        expect(errorOf(answer.text)).toMatchObject({
          code: 'FORBIDDEN',
          message: expect.stringContaining(`Host "${host}"`),
        });
        expect(answer.text).not.toContain(firstConnection(sandbox).password);
      }
    }
  });

  it('answers to localhost, 127.0.0.1 and [::1] on its own port', async () => {
    const port = new URL(sandbox.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const answer = await send(sandbox.url, { path: '/__sandbox/connections', headers: { host } });
      expect(answer.status, host).toBe(200);
    }
    const otherPort = await send(sandbox.url, {
      path: '/__sandbox/connections',
      headers: { host: `localhost:${Number(port) + 1}` },
    });
    expect(otherPort.status).toBe(403);
  });

  it('answers to the hosts it is told it is reachable as', async () => {
    const named = await startSandbox({
      port: 0,
      orders: 1,
      allowedHosts: ['sandbox.internal', 'Proxy.Example:8443'],
    });
    try {
      const hostAnswer = (host: string) =>
        send(named.url, { path: '/__sandbox/connections', headers: { host } }).then(
          (answer) => answer.status,
        );
      expect(await hostAnswer(`sandbox.internal:${named.port}`)).toBe(200);
      expect(await hostAnswer('sandbox.internal:80')).toBe(200);
      expect(await hostAnswer('proxy.example:8443')).toBe(200);
      expect(await hostAnswer('proxy.example:8444')).toBe(403);
      expect(await hostAnswer('evil.sandbox.internal')).toBe(403);
    } finally {
      await named.close();
    }
  });
});

describe('the Origin header', () => {
  it('refuses a write from another origin, even with a JSON content type', async () => {
    const port = new URL(sandbox.url).port;
    for (const origin of [`http://127.0.0.1:${Number(port) + 1}`, 'http://evil.example', 'null']) {
      const answer = await send(sandbox.url, {
        method: 'POST',
        path: '/__sandbox/faults',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ route: '/api/', kind: 'error', times: 5 }),
      });
      expect(answer.status, origin).toBe(403);
      expect(errorOf(answer.text).message).toContain(`Origin "${origin}"`);
    }
    expect(sandbox.admin.faults()).toEqual([]);
  });

  it("accepts the sandbox's own origin, as the consent page posts it", async () => {
    const connection = firstConnection(sandbox);
    const answer = await send(sandbox.url, {
      method: 'POST',
      path: '/oauth/authorize',
      headers: {
        origin: sandbox.url,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        client_id: DEFAULT_CLIENT.id,
        redirect_uri: DEFAULT_CLIENT.redirectUris[0] ?? '',
        state: 's',
        action: 'allow',
        platform: connection.platform,
        username: connection.username,
        password: connection.password,
      }).toString(),
    });
    expect(answer.status, answer.text).toBe(303);
    expect(answer.headers.location).toMatch(/[?&]code=/);
  });
});

describe('the admin token', () => {
  it('guards the admin API with the token when one is set, and only the admin API', async () => {
    const guarded = await startSandbox({ port: 0, orders: 1, adminToken: 'adm_s3cret-token' });
    try {
      const list = (authorization?: string) =>
        send(guarded.url, {
          path: '/__sandbox/connections',
          headers: authorization ? { authorization } : {},
        });
      const missing = await list();
      expect(missing.status).toBe(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(errorOf(missing.text)).toMatchObject({
        code: 'AUTHENTICATION_FAILED',
        message: expect.stringContaining('Authorization: Bearer'),
      });
      expect(missing.text).not.toContain(firstConnection(guarded).password);
      const wrong = await list('Bearer adm_s3cret-tokeX');
      expect(wrong.status).toBe(401);
      expect(errorOf(wrong.text).message).toMatch(/not this sandbox's/);
      expect((await list('Bearer adm_s3cret-token-and-more')).status).toBe(401);
      expect((await list('Basic adm_s3cret-token')).status).toBe(401);
      expect((await list('Bearer adm_s3cret-token')).status).toBe(200);
      const rotate = await send(guarded.url, {
        method: 'POST',
        path: `/__sandbox/connections/${firstConnection(guarded).connectionKey}/rotate-credentials`,
        headers: { 'content-type': 'application/json' },
      });
      expect(rotate.status).toBe(401);
      expect(firstConnection(guarded).status).toBe('active');
      // Makini's own routes keep their own authentication.
      const token = await clientToken(guarded);
      const platforms = await fetch(`${guarded.url}/api/system/platforms`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(platforms.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('refuses to bind beyond loopback without an admin token, saying to pass one', async () => {
    for (const host of ['0.0.0.0', '::']) {
      await expect(startSandbox({ port: 0, host })).rejects.toMatchObject({
        name: 'SandboxOptionsError',
        code: 'ADMIN_TOKEN_REQUIRED',
        message: expect.stringMatching(/adminToken.*--admin-token/s),
      });
    }
    await expect(startSandbox({ port: 0, adminToken: '' })).rejects.toMatchObject({
      code: 'INVALID_ADMIN_TOKEN',
    });
    const open = await startSandbox({ port: 0, orders: 1, host: '0.0.0.0', adminToken: 'adm_x' });
    try {
      const answer = await send(`http://127.0.0.1:${open.port}`, {
        path: '/__sandbox/connections',
        headers: { authorization: 'Bearer adm_x' },
      });
      expect(answer.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
