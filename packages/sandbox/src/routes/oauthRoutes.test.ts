import { TokenResponse } from '@makini-kit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { exchangeCode, firstConnection, getJson, runLink } from '../testHelpers.js';

let sandbox: Sandbox;
let now: number;

beforeEach(async () => {
  now = Date.UTC(2026, 5, 1);
  sandbox = await startSandbox({ port: 0, orders: 10, now: () => now, codeTtlMs: 60_000 });
});
afterEach(() => sandbox.close());

const seeded = () => {
  const connection = firstConnection(sandbox);
  return {
    platform: connection.platform,
    username: connection.username,
    password: connection.password,
  };
};

const authorize = (query: Record<string, string>) =>
  fetch(`${sandbox.url}/oauth/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });

describe('GET /oauth/authorize', () => {
  it('renders an accessible consent page for a registered client and redirect URI', async () => {
    const response = await authorize({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: DEFAULT_CLIENT.redirectUris[0] ?? '',
      state: 'xyz',
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<label for="platform">System</label>');
    expect(html).toContain('<label for="username">');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain('name="state" value="xyz"');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('names the client that asks, with a neutral default', async () => {
    const query = {
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: DEFAULT_CLIENT.redirectUris[0] ?? '',
    };
    expect(await (await authorize(query)).text()).toContain('Connect Sandbox App to your system');
    const named = await startSandbox({
      port: 0,
      orders: 1,
      clients: [{ ...DEFAULT_CLIENT, name: 'Northwind Maintenance' }],
    });
    try {
      const page = await fetch(`${named.url}/oauth/authorize?${new URLSearchParams(query)}`);
      const html = await page.text();
      expect(html).toContain('Connect Northwind Maintenance to your system');
      expect(html).not.toContain('Sandbox App');
    } finally {
      await named.close();
    }
  });

  it('shows an error page, never a redirect, for an unknown client', async () => {
    const response = await authorize({
      response_type: 'code',
      client_id: 'nope',
      redirect_uri: 'https://evil.example/cb',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Unknown application');
  });

  it('shows an error page, never a redirect, for an unregistered redirect URI', async () => {
    const response = await authorize({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: 'https://evil.example/cb',
      state: 's',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('not registered');
  });

  it('escapes what it echoes', async () => {
    const response = await authorize({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      state: '"><script>alert(1)</script>',
    });
    expect(await response.text()).not.toContain('<script>alert(1)</script>');
  });
});

describe('consent and code exchange', () => {
  it("redirects with code and the caller's state, and the code exchanges once", async () => {
    const link = await runLink(sandbox, { ...seeded(), state: 'state-abc' });
    expect(link.status).toBe(303);
    expect(link.location?.origin + (link.location?.pathname ?? '')).toBe(
      DEFAULT_CLIENT.redirectUris[0],
    );
    expect(link.location?.searchParams.get('state')).toBe('state-abc');
    const code = link.location?.searchParams.get('code') ?? '';

    const first = await exchangeCode(sandbox, code);
    expect(first.status).toBe(200);
    expect(first.body.expires_in).toBe(30 * 86_400);
    const tokens = TokenResponse.parse(first.body);
    expect((await getJson(sandbox, '/api/erp/purchase-orders', tokens.access_token)).status).toBe(
      200,
    );

    const replay = await exchangeCode(sandbox, code);
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // A replayed code revokes what it issued (RFC 6749 §4.1.2).
    expect((await getJson(sandbox, '/api/erp/purchase-orders', tokens.access_token)).status).toBe(
      401,
    );
  });

  it('expires codes', async () => {
    const link = await runLink(sandbox, seeded());
    now += 61_000;
    const result = await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '');
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a wrong password on the page without redirecting', async () => {
    const link = await runLink(sandbox, { ...seeded(), password: 'wrong' });
    expect(link.status).toBe(401);
    expect(link.location).toBeUndefined();
    expect(link.html).toContain('role="alert"');
  });

  it('sends access_denied with the state when the user cancels', async () => {
    const response = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: DEFAULT_CLIENT.id, state: 's-1', action: 'deny' }),
    });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('s-1');
  });

  it('refuses a bad client secret with invalid_client', async () => {
    const link = await runLink(sandbox, seeded());
    const response = await fetch(`${sandbox.url}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: link.location?.searchParams.get('code') ?? '',
        client_id: DEFAULT_CLIENT.id,
        client_secret: 'not-the-secret',
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers invalid_client, not a 500, to a bad % escape in Basic credentials', async () => {
    const basic = (credentials: string) =>
      fetch(`${sandbox.url}/link/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
    for (const credentials of [`${DEFAULT_CLIENT.id}:%E0%A4%A`, `%zz:${DEFAULT_CLIENT.secret}`]) {
      const response = await basic(credentials);
      expect(response.status, credentials).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(await response.json()).toMatchObject({
        error: 'invalid_client',
        error_description: expect.stringMatching(/percent-encoded/),
      });
    }
  });

  it('splits Basic credentials at the first colon only, so a secret may contain one', async () => {
    const client = { id: 'colon_client', secret: 's3cr:et:with:colons', redirectUris: [] };
    const colonSandbox = await startSandbox({ port: 0, orders: 1, clients: [client] });
    try {
      const basic = (credentials: string) =>
        fetch(`${colonSandbox.url}/link/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
          },
          body: new URLSearchParams({ grant_type: 'client_credentials' }),
        });
      // As sent by clients that encode (RFC 6749 §2.3.1) and by those that do not.
      const encoded = await basic(`${client.id}:${encodeURIComponent(client.secret)}`);
      expect(encoded.status).toBe(200);
      const plain = await basic(`${client.id}:${client.secret}`);
      expect(plain.status).toBe(200);
      expect(await plain.json()).toMatchObject({ token_type: 'Bearer' });
      const cut = await basic(`${client.id}:s3cr`);
      expect(cut.status).toBe(401);
    } finally {
      await colonSandbox.close();
    }
  });

  it('rotates the pair on refresh and refuses the old refresh token', async () => {
    const link = await runLink(sandbox, seeded());
    const first = TokenResponse.parse(
      (await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '')).body,
    );
    const refresh = (token: string) =>
      fetch(`${sandbox.url}/link/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
      });
    const second = await refresh(first.refresh_token ?? '');
    expect(second.status).toBe(200);
    const rotated = TokenResponse.parse(await second.json());
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect(rotated.access_token).not.toBe(first.access_token);
    expect((await refresh(first.refresh_token ?? '')).status).toBe(400);
  });

  it('writes expires_in as an epoch string when configured like Makini', async () => {
    const epochSandbox = await startSandbox({
      port: 0,
      orders: 1,
      expiresInFormat: 'epoch-string',
      now: () => now,
    });
    try {
      const connection = firstConnection(epochSandbox);
      const link = await runLink(epochSandbox, {
        platform: connection.platform,
        username: connection.username,
        password: connection.password,
      });
      const { body } = await exchangeCode(
        epochSandbox,
        link.location?.searchParams.get('code') ?? '',
      );
      expect(body.expires_in).toBe(String(Math.floor((now + 30 * 86_400_000) / 1000)));
      expect(TokenResponse.parse(body).expiresAt).toBe(now + 30 * 86_400_000);
    } finally {
      await epochSandbox.close();
    }
  });
});
