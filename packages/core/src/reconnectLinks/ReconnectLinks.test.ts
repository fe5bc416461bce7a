import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MakiniError } from '../errors/MakiniError.js';
import { MemoryUsedLinks } from '../state/MemoryUsedLinks.js';
import { ReconnectLinkError } from './ReconnectLinkError.js';
import { ReconnectLinks } from './ReconnectLinks.js';

const SECRET = 'a-reconnect-link-secret-of-at-least-32-bytes!';
const NEW_SECRET = crypto.getRandomValues(new Uint8Array(32));
const PAGE = 'https://app.example/reconnect?from=mail';

/** The code a promise rejects with, or 'resolved'. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(ReconnectLinkError.is(error)).toBe(true);
    expect(MakiniError.is(error)).toBe(true);
    return (error as ReconnectLinkError).code;
  }
}

/** Every character of `text` replaced by another one from the token alphabet, one at a time. */
function* oneCharChanges(text: string) {
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    const other = char === 'A' ? 'B' : char === '.' ? '_' : 'A';
    yield text.slice(0, index) + other + text.slice(index + 1);
  }
}

describe('ReconnectLinks', () => {
  it('mints a link to the page that verifies and says its connection and expiry', async () => {
    let now = Date.UTC(2026, 0, 1);
    const links = new ReconnectLinks({ secrets: [SECRET], now: () => now });
    const link = await links.create({ connectionId: 'conn_7', url: PAGE });
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://app.example/reconnect');
    expect(url.searchParams.get('from')).toBe('mail');
    expect(url.searchParams.get('token')).toBe(link.token);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toBe(now + 72 * 3_600_000);

    now += 3_600_000;
    const claims = await links.verify(link.token, { connectionId: 'conn_7' });
    expect(claims).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      connectionId: 'conn_7',
      expiresAt: link.expiresAt,
    });
    // Verifying does not use the link up.
    expect(await links.verify(link.token)).toEqual(claims);
    expect(await links.redeem(link.token, { connectionId: 'conn_7' })).toEqual(claims);

    const other = await links.create({ connectionId: 'conn_7', url: PAGE });
    expect((await links.verify(other.token)).id).not.toBe(claims.id);
  });

  it('refuses a token with any one character of its payload or signature changed', async () => {
    const links = new ReconnectLinks({ secrets: [SECRET] });
    const { token } = await links.create({ connectionId: 'conn_1', url: PAGE });
    let tried = 0;
    for (const forged of oneCharChanges(token)) {
      expect(await refusal(links.verify(forged)), forged).toBe('LINK_INVALID');
      tried++;
    }
    expect(tried).toBe(token.length);
    for (const forged of ['', '.', token.split('.')[0] ?? '', `${token}.x`, `${token}=`, 'a.b']) {
      expect(await refusal(links.verify(forged))).toBe('LINK_INVALID');
    }
    expect(await refusal(links.verify(42 as unknown as string))).toBe('LINK_INVALID');
  });

  it('refuses a payload re-signed with another key, and a well-formed payload with a forged one', async () => {
    const ours = new ReconnectLinks({ secrets: [SECRET] });
    const theirs = new ReconnectLinks({ secrets: ['an-attacker-secret-that-is-32-bytes-long'] });
    const { token } = await theirs.create({ connectionId: 'conn_1', url: PAGE });
    expect(await refusal(ours.verify(token))).toBe('LINK_INVALID');
    const [payload] = (await ours.create({ connectionId: 'conn_1', url: PAGE })).token.split('.');
    const [, signature] = token.split('.');
    expect(await refusal(ours.verify(`${payload}.${signature}`))).toBe('LINK_INVALID');
  });

  it('refuses an expired link, verified or redeemed', async () => {
    let now = Date.UTC(2026, 0, 1);
    const links = new ReconnectLinks({ secrets: [SECRET], now: () => now, ttlMs: 60_000 });
    const { token, expiresAt } = await links.create({ connectionId: 'conn_1', url: PAGE });
    expect(expiresAt).toBe(now + 60_000);
    const short = await links.create({ connectionId: 'conn_1', url: PAGE, ttlMs: 1_000 });
    now += 1_000;
    expect(await refusal(links.verify(short.token))).toBe('LINK_EXPIRED');
    expect(await refusal(links.verify(token))).toBe('resolved');
    now = expiresAt;
    expect(await refusal(links.verify(token))).toBe('LINK_EXPIRED');
    expect(await refusal(links.redeem(token))).toBe('LINK_EXPIRED');
  });

  it('works once: a second redeem, and a verify after it, are LINK_USED', async () => {
    const links = new ReconnectLinks({ secrets: [SECRET] });
    const { token } = await links.create({ connectionId: 'conn_1', url: PAGE });
    await links.redeem(token);
    expect(await refusal(links.redeem(token))).toBe('LINK_USED');
    expect(await refusal(links.verify(token))).toBe('LINK_USED');
  });

  it('lets exactly one of several concurrent redeems win', async () => {
    const usedLinks = new MemoryUsedLinks();
    // Two replicas in one process, sharing the store.
    const first = new ReconnectLinks({ secrets: [SECRET], usedLinks });
    const second = new ReconnectLinks({ secrets: [SECRET], usedLinks });
    const { token } = await first.create({ connectionId: 'conn_1', url: PAGE });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) => refusal((index % 2 ? first : second).redeem(token))),
    );
    expect(results.filter((result) => result === 'resolved')).toHaveLength(1);
    expect(results.filter((result) => result === 'LINK_USED')).toHaveLength(7);
  });

  it('refuses a link for another connection than the one expected', async () => {
    const links = new ReconnectLinks({ secrets: [SECRET] });
    const { token } = await links.create({ connectionId: 'conn_1', url: PAGE });
    expect(await refusal(links.verify(token, { connectionId: 'conn_2' }))).toBe(
      'LINK_WRONG_CONNECTION',
    );
    expect(await refusal(links.redeem(token, { connectionId: 'conn_2' }))).toBe(
      'LINK_WRONG_CONNECTION',
    );
    // The refused redeem did not use it up.
    expect((await links.redeem(token, { connectionId: 'conn_1' })).connectionId).toBe('conn_1');
  });

  it('rotates keys: the new key signs, links signed with the old one still verify', async () => {
    const before = new ReconnectLinks({ secrets: [SECRET] });
    const old = await before.create({ connectionId: 'conn_1', url: PAGE });
    const during = new ReconnectLinks({ secrets: [NEW_SECRET, SECRET] });
    const fresh = await during.create({ connectionId: 'conn_2', url: PAGE });
    expect((await during.verify(old.token)).connectionId).toBe('conn_1');
    expect((await during.verify(fresh.token)).connectionId).toBe('conn_2');
    // Signed with the new key: the old configuration does not know it.
    expect(await refusal(before.verify(fresh.token))).toBe('LINK_INVALID');
    const after = new ReconnectLinks({ secrets: [NEW_SECRET] });
    expect(await refusal(after.verify(old.token))).toBe('LINK_INVALID');
    expect((await after.verify(fresh.token)).connectionId).toBe('conn_2');
  });

  it('refuses a short secret with a TypeError naming its position, never quoting it', () => {
    const short = 'short-secret-31-bytes-long-xxxx';
    expect(new TextEncoder().encode(short)).toHaveLength(31);
    let error: unknown;
    try {
      new ReconnectLinks({ secrets: [SECRET, short] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(/secrets\[1\] is 31 bytes/);
    expect((error as TypeError).message).not.toContain(short);
    expect(() => new ReconnectLinks({ secrets: [] })).toThrow(TypeError);
    expect(() => new ReconnectLinks({ secrets: [new Uint8Array(16)] })).toThrow(/secrets\[0\]/);
    expect(() => new ReconnectLinks({ secrets: [SECRET], ttlMs: 0 })).toThrow(RangeError);
  });

  it('refuses a bad create input with a TypeError', async () => {
    const links = new ReconnectLinks({ secrets: [SECRET] });
    await expect(links.create({ connectionId: '', url: PAGE })).rejects.toThrow(TypeError);
    await expect(links.create({ connectionId: 'c', url: '/reconnect' })).rejects.toThrow(
      /absolute URL/,
    );
    await expect(links.create({ connectionId: 'c', url: PAGE, ttlMs: -1 })).rejects.toThrow(
      RangeError,
    );
  });

  it('never shows a token or a secret in an error message, toJSON or inspect output', async () => {
    let now = Date.UTC(2026, 0, 1);
    const links = new ReconnectLinks({ secrets: [SECRET], now: () => now, ttlMs: 1_000 });
    const { token } = await links.create({ connectionId: 'conn_1', url: PAGE });
    const [payload = '', signature = ''] = token.split('.');
    const shown: string[] = [JSON.stringify(links), inspect(links)];
    const collect = async (promise: Promise<unknown>) => {
      const error = await promise.catch((caught: unknown) => caught);
      expect(ReconnectLinkError.is(error)).toBe(true);
      shown.push((error as Error).message, JSON.stringify(error), inspect(error), String(error));
    };
    await collect(links.verify(`${payload}.${signature.replace(/^./, '_')}`));
    await collect(links.verify(token, { connectionId: 'conn_2' }));
    await links.redeem(token);
    await collect(links.redeem(token));
    now += 1_000;
    await collect(links.verify(token));
    expect(shown.length).toBeGreaterThan(10);
    for (const text of shown) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(signature);
      expect(text).not.toContain(payload);
    }
  });
});
