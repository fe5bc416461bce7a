import { TokenResponse } from '@makini-kit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { clientToken, exchangeCode, firstConnection, getJson } from '../testHelpers.js';

const OTHER_CLIENT = {
  id: 'other_client',
  secret: 'other_secret',
  name: 'Other App',
  redirectUris: ['https://other.example/cb'],
};
const REDIRECT = DEFAULT_CLIENT.redirectUris[0] ?? '';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, orders: 3, clients: [DEFAULT_CLIENT, OTHER_CLIENT] });
});
afterEach(() => sandbox.close());

const authorize = (query: Record<string, string>) =>
  fetch(`${sandbox.url}/oauth/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });

const consent = (fields: Record<string, string>, clientId = DEFAULT_CLIENT.id) =>
  fetch(`${sandbox.url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: clientId,
      redirect_uri:
        clientId === DEFAULT_CLIENT.id ? REDIRECT : (OTHER_CLIENT.redirectUris[0] ?? ''),
      response_type: 'code',
      state: 'st-bound',
      action: 'allow',
      ...fields,
    }),
  });

const locationOf = (response: Response) => new URL(response.headers.get('location') ?? '');

describe('a Link consent bound to a connection (connection_id)', () => {
  it('fixes the system and the username of that connection on the page', async () => {
    const connection = firstConnection(sandbox);
    const response = await authorize({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: REDIRECT,
      state: 's',
      connection_id: connection.connectionKey,
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`name="connection_id" value="${connection.connectionKey}"`);
    expect(html).toMatch(
      new RegExp(
        `<input id="username" name="username"[^>]*value="${connection.username}"[^>]*readonly`,
      ),
    );
    expect(html).toMatch(/<select id="platform"[^>]*disabled/);
    expect(html).toContain(`<input type="hidden" name="platform" value="${connection.platform}">`);
    // Only the bound system is offered.
    expect(html.match(/<option /g)).toHaveLength(1);
  });

  it('reconnects that same connection key, whatever system or username the form says', async () => {
    const bound = firstConnection(sandbox);
    const rotated = sandbox.admin.rotateCredentials(bound.connectionKey);
    const before = sandbox.admin.connections().length;
    const other = sandbox.admin.connections().find((c) => c.platform !== bound.platform);
    const response = await consent({
      connection_id: bound.connectionKey,
      platform: other?.platform ?? 'sap-s4hana',
      username: 'someone-new',
      password: rotated.password,
    });
    expect(response.status).toBe(303);
    const landed = locationOf(response);
    expect(landed.searchParams.get('state')).toBe('st-bound');
    const exchanged = await exchangeCode(sandbox, landed.searchParams.get('code') ?? '');
    expect(exchanged.status).toBe(200);
    const tokens = TokenResponse.parse(exchanged.body);
    expect(tokens.connection_id).toBe(bound.connectionKey);
    expect(sandbox.admin.connections()).toHaveLength(before);
    expect(
      sandbox.admin.connections().find((c) => c.connectionKey === bound.connectionKey)?.status,
    ).not.toBe('reauthorization_required');
    const orders = await getJson(sandbox, '/api/erp/purchase-orders', tokens.access_token);
    expect(orders.status).toBe(200);
  });

  it("checks the bound connection's password and stays on the page when it is wrong", async () => {
    const bound = firstConnection(sandbox);
    sandbox.admin.rotateCredentials(bound.connectionKey);
    const response = await consent({ connection_id: bound.connectionKey, password: 'wrong' });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(`name="connection_id" value="${bound.connectionKey}"`);
    expect(html).toMatch(/<input id="username"[^>]*readonly/);
  });

  it('reconnects a connection created with spaces around its login, and a wrong password creates none', async () => {
    const created = await fetch(`${sandbox.url}/api/system/connections`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await clientToken(sandbox)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        name: 'Plant',
        email: 'p@plant.example',
        provider: 'ibm-maximo',
        credentials: { login: ' maint ', password: 'right-password' },
      }),
    });
    expect(created.status).toBe(200);
    const target = sandbox.admin.connections().find((c) => c.username.includes('maint'));
    expect(target?.username).toBe('maint');
    const before = sandbox.admin.connections().length;

    const wrong = await consent({ connection_id: target?.connectionKey ?? '', password: 'guess' });
    expect(wrong.status).toBe(401);
    expect(sandbox.admin.connections()).toHaveLength(before);

    const right = await consent({
      connection_id: target?.connectionKey ?? '',
      password: 'right-password',
    });
    expect(right.status).toBe(303);
    const exchanged = await exchangeCode(sandbox, locationOf(right).searchParams.get('code') ?? '');
    expect(TokenResponse.parse(exchanged.body).connection_id).toBe(target?.connectionKey);
    expect(sandbox.admin.connections()).toHaveLength(before);
  });

  it('refuses an unknown connection_id with invalid_request, on the page and on submit', async () => {
    const shown = await authorize({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: REDIRECT,
      state: 's-unknown',
      connection_id: 'no-such-connection',
    });
    expect(shown.status).toBe(303);
    const refused = locationOf(shown);
    expect(refused.origin + refused.pathname).toBe(REDIRECT);
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('error_description')).toMatch(/connection_id/);
    expect(refused.searchParams.get('state')).toBe('s-unknown');
    expect(refused.searchParams.has('code')).toBe(false);

    const bound = firstConnection(sandbox);
    const submitted = await consent({
      connection_id: 'no-such-connection',
      platform: bound.platform,
      username: bound.username,
      password: bound.password,
    });
    expect(submitted.status).toBe(303);
    expect(locationOf(submitted).searchParams.get('error')).toBe('invalid_request');
    expect(locationOf(submitted).searchParams.has('code')).toBe(false);
  });

  it("refuses another application's connection with invalid_request", async () => {
    // A connection of the other client, made through its own Link.
    const made = await consent(
      { platform: 'sap-s4hana', username: 'other-customer', password: 'pw-1' },
      OTHER_CLIENT.id,
    );
    const code = locationOf(made).searchParams.get('code') ?? '';
    const token = await fetch(`${sandbox.url}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: OTHER_CLIENT.id,
        client_secret: OTHER_CLIENT.secret,
      }),
    });
    const othersKey = TokenResponse.parse(await token.json()).connection_id ?? '';
    expect(othersKey).not.toBe('');

    const shown = await authorize({
      response_type: 'code',
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: REDIRECT,
      state: 's-other',
      connection_id: othersKey,
    });
    expect(locationOf(shown).searchParams.get('error')).toBe('invalid_request');
    const submitted = await consent({
      connection_id: othersKey,
      platform: 'sap-s4hana',
      username: 'other-customer',
      password: 'pw-1',
    });
    expect(locationOf(submitted).searchParams.get('error')).toBe('invalid_request');
    expect(locationOf(submitted).searchParams.has('code')).toBe(false);
  });

  it('still lets the customer cancel a bound consent', async () => {
    const bound = firstConnection(sandbox);
    const response = await consent({ connection_id: bound.connectionKey, action: 'deny' });
    expect(locationOf(response).searchParams.get('error')).toBe('access_denied');
  });
});
