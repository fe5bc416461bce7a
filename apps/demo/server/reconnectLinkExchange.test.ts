import { describe, expect, it } from 'vitest';
import { exchangeHarness } from './exchangeHarness.js';

const harness = exchangeHarness();
const { post, account, codeFor, storedToken, mintLink } = harness;

/** The reconnect page's exchange: the link's token, a Link code, and the connection it repairs. */
const exchangeWithLink = (token: string, code: string, connectionId: string) =>
  post('/api/reconnect-links/exchange', { token, code, connectionId });

describe('the reconnect page exchange (POST /api/reconnect-links/exchange)', () => {
  it('leaves the link usable when Makini refuses the code: the next attempt with a good code reconnects, then the link is used', async () => {
    const owner = account(0);
    const token = await mintLink(owner.connectionKey);
    const before = await storedToken(owner.connectionKey);

    const refused = await exchangeWithLink(token, 'not-a-real-code', owner.connectionKey);
    expect(refused.status).toBe(400);
    expect(await storedToken(owner.connectionKey)).toBe(before);
    const verified = await post('/api/reconnect-links/verify', { token });
    expect({ status: verified.status, code: verified.error?.code }).toEqual({
      status: 200,
      code: undefined,
    });

    const reconnected = await exchangeWithLink(token, await codeFor(owner), owner.connectionKey);
    expect(reconnected.status).toBe(200);
    expect(reconnected.data?.connectionId).toBe(owner.connectionKey);
    expect(await storedToken(owner.connectionKey)).not.toBe(before);

    const again = await exchangeWithLink(token, await codeFor(owner), owner.connectionKey);
    expect({ status: again.status, code: again.error?.code }).toEqual({
      status: 410,
      code: 'LINK_USED',
    });
  });

  it('refuses a code that signed in to another connection, storing nothing, and leaves the link usable', async () => {
    const owner = account(1);
    const other = account(2);
    const token = await mintLink(owner.connectionKey);
    const tokensBefore = [
      await storedToken(owner.connectionKey),
      await storedToken(other.connectionKey),
    ];

    const refused = await exchangeWithLink(token, await codeFor(other), owner.connectionKey);
    expect({ status: refused.status, code: refused.error?.code }).toEqual({
      status: 409,
      code: 'LINK_WRONG_CONNECTION',
    });
    expect([
      await storedToken(owner.connectionKey),
      await storedToken(other.connectionKey),
    ]).toEqual(tokensBefore);
    expect((await post('/api/reconnect-links/verify', { token })).status).toBe(200);
  });

  it("reconnects when only integrations.current names the connection (Makini's published token answer)", async () => {
    const owner = account(1);
    const token = await mintLink(owner.connectionKey);
    harness.proxy.unnaming = 'token';
    const reconnected = await exchangeWithLink(token, await codeFor(owner), owner.connectionKey);
    expect(reconnected.status).toBe(200);
    expect(reconnected.data?.connectionId).toBe(owner.connectionKey);
  });
});
