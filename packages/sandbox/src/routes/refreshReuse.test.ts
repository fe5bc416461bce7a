import { TokenResponse } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, type SandboxOptions } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { clientToken, exchangeCode, firstConnection, getJson, runLink } from '../testHelpers.js';

let sandbox: Sandbox;
let now: number;
const running: Sandbox[] = [];

async function start(options: SandboxOptions = {}) {
  now = Date.UTC(2026, 5, 1);
  sandbox = await startSandbox({ port: 0, orders: 5, now: () => now, ...options });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((started) => started.close()));
});

const basic = `Basic ${Buffer.from(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`).toString('base64')}`;

async function refresh(token: string) {
  const response = await fetch(`${sandbox.url}/link/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body };
}

async function refreshed(token: string) {
  const result = await refresh(token);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  const pair = TokenResponse.parse(result.body);
  return { access: pair.access_token, refresh: pair.refresh_token ?? '' };
}

/** A pair from a Link authorization of the first seeded connection. */
async function linkPair() {
  const connection = firstConnection(sandbox);
  const link = await runLink(sandbox, {
    platform: connection.platform,
    username: connection.username,
    password: connection.password,
  });
  const exchanged = await exchangeCode(sandbox, link.location?.searchParams.get('code') ?? '');
  const pair = TokenResponse.parse(exchanged.body);
  return { access: pair.access_token, refresh: pair.refresh_token ?? '' };
}

/** A pair from `POST /api/system/connections`, for a new connection. */
async function createdPair(login: string) {
  const response = await fetch(`${sandbox.url}/api/system/connections`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await clientToken(sandbox)}`,
    },
    body: JSON.stringify({
      name: login,
      email: `${login}@customer.example`,
      provider: 'sap-s4hana',
      credentials: { login, password: 'pw' },
    }),
  });
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as {
    data: { access_token: string; refresh_token: string };
  };
  return { access: data.access_token, refresh: data.refresh_token };
}

const reads = async (token: string) =>
  (await getJson(sandbox, '/api/erp/purchase-orders?per_page=1', token)).status;

async function stats(headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.url}/__sandbox/stats`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('refresh-token reuse without a grace period', () => {
  it('revokes the whole family: the pair the first use issued stops working', async () => {
    await start();
    const first = await linkPair();
    const second = await refreshed(first.refresh);
    const third = await refreshed(second.refresh);
    expect(await reads(third.access)).toBe(200);

    const replay = await refresh(first.refresh);
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(String(replay.body.error_description)).toMatch(/already used/);

    for (const access of [first.access, second.access, third.access]) {
      expect(await reads(access)).toBe(401);
    }
    const refusedRead = await getJson<{ error: { code: string; message: string } }>(
      sandbox,
      '/api/erp/purchase-orders',
      third.access,
    );
    expect(refusedRead.body.error).toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      message: expect.stringMatching(/revoked: a refresh token or code .* used twice/),
    });
    const refused = await refresh(third.refresh);
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(String(refused.body.error_description)).toMatch(/revoked/);
    expect(sandbox.admin.stats()).toMatchObject({
      refreshTokenReuse: 1,
      refreshTokenGraceReuse: 0,
    });
  });

  it('revokes a family started by POST /api/system/connections and leaves other families alone', async () => {
    await start();
    const victim = await createdPair('VICTIM');
    const bystander = await createdPair('BYSTANDER');
    const sameConnection = await linkPair();
    const next = await refreshed(victim.refresh);

    expect((await refresh(victim.refresh)).status).toBe(400);
    expect(await reads(next.access)).toBe(401);
    expect((await refresh(next.refresh)).body).toMatchObject({ error: 'invalid_grant' });

    expect(await reads(bystander.access)).toBe(200);
    expect(await reads(sameConnection.access)).toBe(200);
    const stillRotates = await refreshed(bystander.refresh);
    expect(await reads(stillRotates.access)).toBe(200);
  });

  it('a replayed authorization code revokes the pairs refreshed from it too', async () => {
    await start();
    const connection = firstConnection(sandbox);
    const link = await runLink(sandbox, {
      platform: connection.platform,
      username: connection.username,
      password: connection.password,
    });
    const code = link.location?.searchParams.get('code') ?? '';
    const pair = TokenResponse.parse((await exchangeCode(sandbox, code)).body);
    const next = await refreshed(pair.refresh_token ?? '');
    expect((await exchangeCode(sandbox, code)).status).toBe(400);
    expect(await reads(next.access)).toBe(401);
    expect((await refresh(next.refresh)).status).toBe(400);
  });

  it('another client presenting the token is refused without using it up', async () => {
    const other = { id: 'other_client', secret: 'other_secret', redirectUris: [] };
    await start({ clients: [DEFAULT_CLIENT, other] });
    const pair = await linkPair();
    const stolen = await fetch(`${sandbox.url}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: pair.refresh,
        client_id: other.id,
        client_secret: other.secret,
      }),
    });
    expect(stolen.status).toBe(400);
    expect(await stolen.json()).toMatchObject({ error: 'invalid_grant' });
    const next = await refreshed(pair.refresh);
    expect(await reads(next.access)).toBe(200);
    expect(sandbox.admin.stats().refreshTokenReuse).toBe(0);
  });
});

describe('refreshTokenReuseGraceMs', () => {
  it('answers a replay within the grace period with a new pair and revokes nothing', async () => {
    await start({ refreshTokenReuseGraceMs: 5_000 });
    const first = await linkPair();
    const second = await refreshed(first.refresh);
    now += 4_999;
    const retried = await refreshed(first.refresh);
    expect(retried.access).not.toBe(second.access);
    expect(retried.refresh).not.toBe(second.refresh);

    for (const access of [second.access, retried.access]) expect(await reads(access)).toBe(200);
    expect(await reads((await refreshed(second.refresh)).access)).toBe(200);
    expect(await reads((await refreshed(retried.refresh)).access)).toBe(200);
    expect(sandbox.admin.stats()).toMatchObject({
      grants: { authorization_code: 1, refresh_token: 4, client_credentials: 0 },
      refreshTokenReuse: 0,
      refreshTokenGraceReuse: 1,
    });
  });

  it('treats a replay after the grace period as reuse and revokes the family', async () => {
    await start({ refreshTokenReuseGraceMs: 5_000 });
    const first = await linkPair();
    const second = await refreshed(first.refresh);
    now += 5_000;
    expect((await refresh(first.refresh)).body).toMatchObject({ error: 'invalid_grant' });
    expect(await reads(second.access)).toBe(401);
    expect(sandbox.admin.stats()).toMatchObject({
      refreshTokenReuse: 1,
      refreshTokenGraceReuse: 0,
    });
  });

  it('is refused when it is not a whole number of milliseconds from 0', async () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number]) {
      await expect(
        startSandbox({ port: 0, refreshTokenReuseGraceMs: bad }),
        String(bad),
      ).rejects.toMatchObject({
        name: 'SandboxOptionsError',
        code: 'INVALID_REFRESH_TOKEN_REUSE_GRACE',
        message: expect.stringMatching(/refreshTokenReuseGraceMs .* e\.g\. 10000/),
      });
    }
  });
});

describe('GET /__sandbox/stats', () => {
  it('counts successful grants by type and reuse, and POST /__sandbox/stats/reset zeroes them', async () => {
    await start();
    await clientToken(sandbox);
    const pair = await linkPair();
    const next = await refreshed(pair.refresh);
    await refresh(pair.refresh);
    await refresh(next.refresh);
    await refresh('sbx_rt_unknown');

    const expected = {
      grants: { authorization_code: 1, refresh_token: 1, client_credentials: 1 },
      refreshTokenReuse: 1,
      refreshTokenGraceReuse: 0,
    };
    expect(await stats()).toEqual({ status: 200, body: { data: expected } });
    expect(sandbox.admin.stats()).toEqual(expected);

    const reset = await fetch(`${sandbox.url}/__sandbox/stats/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(reset.status).toBe(200);
    const zero = {
      grants: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
      refreshTokenReuse: 0,
      refreshTokenGraceReuse: 0,
    };
    expect((await stats()).body).toEqual({ data: zero });
    await clientToken(sandbox);
    sandbox.admin.resetStats();
    expect(sandbox.admin.stats()).toEqual(zero);
  });

  it('zeroes with the admin reset', async () => {
    await start();
    await clientToken(sandbox);
    sandbox.admin.reset();
    expect(sandbox.admin.stats().grants.client_credentials).toBe(0);
  });

  it('needs the admin token when one is set', async () => {
    await start({ adminToken: 'stats-admin-token' });
    expect((await stats()).status).toBe(401);
    expect(await stats({ authorization: 'Bearer stats-admin-token' })).toMatchObject({
      status: 200,
      body: { data: { refreshTokenReuse: 0 } },
    });
    const reset = await fetch(`${sandbox.url}/__sandbox/stats/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(reset.status).toBe(401);
  });
});
