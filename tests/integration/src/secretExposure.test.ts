import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConnectionError,
  exchangeCode,
  MakiniClient,
  MakiniError,
  ReauthorizationRequiredError,
  refreshToken,
  type TokenEndpointOptions,
  TokenManager,
  ValidationError,
} from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecret } from './exposures.js';
import { connectionClient, linkCode } from './helpers.js';
import { serveFetch } from './nodeFetchServer.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5 });
});
afterAll(() => sandbox.close());

let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

const secrets = (baseUrl = sandbox.url) => ({
  baseUrl,
  clientId: DEFAULT_CLIENT.id,
  clientSecret: DEFAULT_CLIENT.secret,
});
const redirectUri = DEFAULT_CLIENT.redirectUris[0] ?? '';

/** A fresh Link code for a seeded connection, as the customer's consent gives it. */
async function freshCode(index: number) {
  const connection = sandbox.admin.connections()[index];
  if (!connection) throw new Error(`no seeded connection ${index}`);
  const callback = await linkCode(sandbox, connection);
  return callback.searchParams.get('code') ?? '';
}

/**
 * A token endpoint in front of the sandbox's: each call is forwarded with its form, so the tokens
 * are real, and `answer` turns the sandbox's reply (and the form) into what is sent back.
 */
async function tokenProxy(
  answer: (reply: Record<string, unknown>, form: URLSearchParams) => Response,
) {
  const issued: Array<Record<string, unknown>> = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const forwarded = await fetch(`${sandbox.url}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const reply = (await forwarded.json()) as Record<string, unknown>;
    issued.push(reply);
    const response = answer(reply, form);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, issued };
}

/** Collects the errors the hooks are given, as a logger wired to `onError` would. */
function hookedErrors() {
  const errors: unknown[] = [];
  return { errors, hooks: { onError: (_entry: unknown, error: unknown) => errors.push(error) } };
}

describe('secrets and the errors that carry a failure', () => {
  it('keeps no token on the error when a token answer breaks its schema', async () => {
    const code = await freshCode(0);
    const proxy = await tokenProxy((reply) => Response.json({ ...reply, token_type: 1 }));
    const { errors, hooks } = hookedErrors();
    const options: TokenEndpointOptions = { ...secrets(proxy.url), hooks };

    const error = await exchangeCode({ ...options, code, redirectUri }).catch(
      (caught: unknown) => caught,
    );

    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issuePath).toBe('token_type');
    const live = proxy.issued[0] ?? {};
    expect(live.access_token).toEqual(expect.any(String));
    const leaked = [
      live.access_token as string,
      live.refresh_token as string,
      DEFAULT_CLIENT.secret,
      code,
    ];
    expectNoSecret(error, leaked);
    expect(errors).toHaveLength(1);
    expectNoSecret(errors[0], leaked);
    // The shape stays, to show what broke; the values of its secrets do not.
    expect((error as ValidationError).body).toMatchObject({
      access_token: '[redacted]',
      refresh_token: '[redacted]',
      token_type: 1,
    });
  });

  it('quotes neither the refresh token nor the client secret when the token endpoint echoes them', async () => {
    const code = await freshCode(1);
    const tokens = await exchangeCode({ ...secrets(), code, redirectUri });
    const refresh = tokens.refresh_token ?? '';
    const proxy = await tokenProxy((_reply, form) =>
      Response.json(
        {
          error: 'invalid_grant',
          error_description: `The refresh token ${form.get('refresh_token')} was already used by ${form.get('client_id')} (secret ${form.get('client_secret')}).`,
        },
        { status: 400 },
      ),
    );
    const { errors, hooks } = hookedErrors();

    const error = await refreshToken({ ...secrets(proxy.url), refreshToken: refresh, hooks }).catch(
      (caught: unknown) => caught,
    );

    expect(ReauthorizationRequiredError.is(error)).toBe(true);
    expect((error as MakiniError).message).toMatch(/was already used by sandbox_client/);
    const leaked = [refresh, tokens.access_token, DEFAULT_CLIENT.secret];
    expectNoSecret(error, leaked);
    expectNoSecret(errors[0], leaked);
  });

  it('keeps no bearer token on an API error whose body or headers echo it', async () => {
    const { token } = await connectionClient(sandbox, 2);
    const { url, close } = await serveFetch((request) =>
      Response.json(
        {
          error: {
            code: 'AUTHENTICATION_FAILED',
            message: `The token in "${request.headers.get('authorization')}" is not valid.`,
            request_id: 'req_echo',
          },
        },
        {
          status: 401,
          headers: {
            'www-authenticate': `Bearer error="invalid_token", error_description="${token} expired"`,
          },
        },
      ),
    );
    closeServer = close;
    const { errors, hooks } = hookedErrors();
    const client = new MakiniClient({ baseUrl: url, token, maxRetries: 0, hooks });

    const error = await client.integrations.current().catch((caught: unknown) => caught);

    expect(MakiniError.is(error) && error.code).toBe('AUTHENTICATION_FAILED');
    expectNoSecret(error, [token]);
    expectNoSecret(errors[0], [token]);
  });

  it('keeps the refreshed pair out of TOKEN_UNAVAILABLE when saving it fails with an error that quotes it', async () => {
    const code = await freshCode(3);
    const tokens = await exchangeCode({ ...secrets(), code, redirectUri });
    const manager = new TokenManager({
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        expiresAt: Date.now() - 1000,
      },
      refresh: (token) => refreshToken({ ...secrets(), refreshToken: token }),
      onTokens: (next) => {
        throw new Error(`could not store ${next.accessToken} / ${next.refreshToken}: disk full`, {
          cause: new Error(`write failed for ${JSON.stringify(next)}`),
        });
      },
    });
    const { errors, hooks } = hookedErrors();
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      getToken: manager.getToken,
      maxRetries: 0,
      hooks,
    });

    const error = await client.integrations.current().catch((caught: unknown) => caught);

    expect(MakiniError.is(error) && error.code).toBe('TOKEN_UNAVAILABLE');
    expect((error as MakiniError).message).toMatch(/getToken\(\) failed/);
    const renewed = manager.current;
    expect(renewed.accessToken).not.toBe(tokens.access_token);
    const leaked = [
      renewed.accessToken,
      renewed.refreshToken,
      tokens.access_token,
      tokens.refresh_token,
      DEFAULT_CLIENT.secret,
    ];
    expectNoSecret(error, leaked);
    expectNoSecret(errors[0], leaked);
  });

  it('keeps no token on the cause of a request that could not be sent', async () => {
    const { token } = await connectionClient(sandbox, 0);
    // A stored token with a stray control character: fetch refuses the header and quotes it.
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      token: `${token}\u0000`,
      maxRetries: 0,
    });

    const error = await client.integrations.current().catch((caught: unknown) => caught);

    expect(ConnectionError.is(error)).toBe(true);
    expect((error as ConnectionError).cause).toBeDefined();
    expectNoSecret(error, [token]);
  });
});
