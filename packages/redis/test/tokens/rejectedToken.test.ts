import {
  AuthenticationError,
  clientCredentials,
  type GetTokenOptions,
  MakiniClient,
  MemoryLock,
  MemoryTokenStore,
  refreshToken,
  TokenManager,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, createConnections } from './sandboxConnections.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

/**
 * A connection whose first pair the server revoked (its refresh token was replayed), plus a new
 * access token issued through the system API: what a reconnect on another replica saves.
 */
async function revokedAndReissued() {
  const [created] = await createConnections(sandbox.url, 1, Date.now() + 3_600_000);
  if (!created) throw new Error('no connection');
  const { connectionKey, tokens } = created;
  const refreshed = await refreshToken({
    ...clientOf(sandbox.url),
    refreshToken: tokens.refreshToken as string,
  });
  await refreshToken({ ...clientOf(sandbox.url), refreshToken: tokens.refreshToken as string })
    .then(() => {
      throw new Error('the replay was answered');
    })
    .catch((error: unknown) => expect(AuthenticationError.is(error)).toBe(true));
  const system = new MakiniClient({
    baseUrl: sandbox.url,
    token: (await clientCredentials(clientOf(sandbox.url))).access_token,
  });
  const issued = await system.connections.createToken(connectionKey);
  return { connectionKey, revoked: [tokens.accessToken, refreshed.access_token], issued };
}

describe('after a 401 the client asks getToken once more, with the refused token', () => {
  it('sends the call again at once with a token another replica saved, not counted as a retry', async () => {
    const { connectionKey, revoked, issued } = await revokedAndReissued();
    const store = new MemoryTokenStore();
    const lock = new MemoryLock();
    await store.set(connectionKey, {
      accessToken: revoked[0] as string,
      refreshToken: null,
      expiresAt: Date.now() + 3_600_000,
    });
    const manager = new TokenManager({
      store,
      lock,
      connectionKey,
      refresh: () => Promise.reject(new Error('no refresh expected')),
    });
    let saved = false;
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      getToken: manager.getToken,
      maxRetries: 0,
      hooks: {
        // The customer reconnects through another replica while this call is on its way.
        onRequest: () => {
          if (saved) return;
          saved = true;
          void store.set(connectionKey, {
            accessToken: issued.token,
            refreshToken: null,
            expiresAt: issued.expiresAt,
          });
        },
      },
    });
    expect(String((await client.integrations.current()).id)).toBe(connectionKey);
    expect(
      client.requestLog.list().map(({ status, retryInMs }) => ({ status, retryInMs })),
    ).toEqual([
      { status: 401, retryInMs: 0 },
      { status: 200, retryInMs: undefined },
    ]);
  });

  it('asks once per call: when the next token is refused too, the 401 stands', async () => {
    const { revoked } = await revokedAndReissued();
    const asked: Array<GetTokenOptions | undefined> = [];
    const client = new MakiniClient({
      baseUrl: sandbox.url,
      maxRetries: 2,
      getToken: (options?: GetTokenOptions) => {
        asked.push(options);
        return revoked[asked.length - 1] ?? 'never-sent';
      },
    });
    const error = await client.integrations.current().catch((caught: unknown) => caught);
    expect(AuthenticationError.is(error) && error.status).toBe(401);
    expect(asked).toEqual([undefined, { rejectedToken: revoked[0] }]);
    expect(client.requestLog.list().map(({ status }) => status)).toEqual([401, 401]);
  });
});
