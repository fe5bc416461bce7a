import { describe, expect, it } from 'vitest';
import { exchangeHarness } from './exchangeHarness.js';

const harness = exchangeHarness();
const { post, account, codeFor, storedToken, storedKeys } = harness;

describe('the app exchange (POST /api/link/exchange)', () => {
  for (const unnaming of ['nothing', 'token'] as const) {
    it(`refuses with 409 a reconnect of X whose code signed in to Y, storing nothing (token answer names: ${unnaming === 'nothing' ? 'the connection' : 'none'})`, async () => {
      const target = account(0);
      const other = account(3);
      harness.proxy.unnaming = unnaming;
      const tokensBefore = [
        await storedToken(target.connectionKey),
        await storedToken(other.connectionKey),
      ];

      const refused = await post('/api/link/exchange', {
        code: await codeFor(other),
        connectionId: target.connectionKey,
      });

      expect({ status: refused.status, code: refused.error?.code }).toEqual({
        status: 409,
        code: 'WRONG_CONNECTION',
      });
      expect([
        await storedToken(target.connectionKey),
        await storedToken(other.connectionKey),
      ]).toEqual(tokensBefore);
    });
  }

  it('reconnects X with its own code when only integrations.current names it', async () => {
    const target = account(0);
    harness.proxy.unnaming = 'token';
    const before = await storedToken(target.connectionKey);
    const reconnected = await post('/api/link/exchange', {
      code: await codeFor(target),
      connectionId: target.connectionKey,
    });
    expect(reconnected.status).toBe(200);
    expect(reconnected.data?.connectionId).toBe(target.connectionKey);
    expect(await storedToken(target.connectionKey)).not.toBe(before);
  });

  it("never keeps tokens under the browser's key: when Makini names no connection, a reconnect is refused and a new one too", async () => {
    const target = account(0);
    const other = account(3);
    harness.proxy.unnaming = 'token-and-integration';
    const keysBefore = await storedKeys();
    const tokensBefore = [
      await storedToken(target.connectionKey),
      await storedToken(other.connectionKey),
    ];

    const reconnect = await post('/api/link/exchange', {
      code: await codeFor(other),
      connectionId: target.connectionKey,
    });
    expect({ status: reconnect.status, code: reconnect.error?.code }).toEqual({
      status: 409,
      code: 'WRONG_CONNECTION',
    });
    const fresh = await post('/api/link/exchange', { code: await codeFor(other) });
    expect({ status: fresh.status, code: fresh.error?.code }).toEqual({
      status: 502,
      code: 'CONNECTION_UNNAMED',
    });
    expect(fresh.error?.message).toMatch(/names no connection/);

    expect(await storedKeys()).toEqual(keysBefore);
    expect([
      await storedToken(target.connectionKey),
      await storedToken(other.connectionKey),
    ]).toEqual(tokensBefore);
  });

  it('connects a new system under the key Makini names', async () => {
    const like = account(0);
    harness.proxy.unnaming = 'token';
    const login = `NEW_${Date.now().toString(36)}`;
    const connected = await post('/api/link/exchange', {
      code: await codeFor({ platform: like.platform, username: login, password: `pw-${login}` }),
    });
    expect(connected.status).toBe(200);
    const made = harness.sandbox.admin.connections().find((entry) => entry.username === login);
    expect(made).toBeDefined();
    expect(connected.data?.connectionId).toBe(made?.connectionKey);
    expect(await storedToken(made?.connectionKey ?? '')).toBeDefined();
  });
});
