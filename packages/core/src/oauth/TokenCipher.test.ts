import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TokenDecryptionError } from '../errors/TokenDecryptionError.js';
import { TokenCipher } from './TokenCipher.js';

const tokens = {
  accessToken: 'at_secret_1',
  refreshToken: 'rt_secret_1',
  expiresAt: 1_900_000_000_000,
};
const k1 = { id: 'k1', secret: TokenCipher.generateSecret() };
const k2 = { id: 'k2', secret: TokenCipher.generateSecret() };

async function openError(cipher: TokenCipher, sealed: string, associatedData = 'conn_1') {
  const error = await cipher.open(sealed, associatedData).catch((caught: unknown) => caught);
  expect(TokenDecryptionError.is(error)).toBe(true);
  const printed = `${String(error)} ${inspect(error)} ${JSON.stringify(error)}`;
  expect(printed).not.toContain('secret_1');
  return error as TokenDecryptionError;
}

describe('TokenCipher', () => {
  it('seals with AES-GCM and a fresh IV each time, and opens for the same connection', async () => {
    const cipher = new TokenCipher({ keys: [k1] });
    const first = await cipher.seal(tokens, 'conn_1');
    const second = await cipher.seal(tokens, 'conn_1');
    expect(first).toMatch(/^mkc1\.k1\.[\w-]{16}\.[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('secret');
    expect(await cipher.open(first, 'conn_1')).toEqual(tokens);
    expect(await cipher.open(second, 'conn_1')).toEqual(tokens);
  });

  it('does not open for another connection, altered, under an unknown key, or malformed', async () => {
    const cipher = new TokenCipher({ keys: [k1] });
    const sealed = await cipher.seal(tokens, 'conn_1');
    expect((await openError(cipher, sealed, 'conn_2')).keyId).toBe('k1');
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect((await openError(cipher, `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`)).keyId).toBe(
      'k1',
    );
    const other = await new TokenCipher({ keys: [{ id: 'k1', secret: k2.secret }] }).seal(
      tokens,
      'conn_1',
    );
    expect((await openError(cipher, other)).message).toContain('did not open');
    const unknown = await openError(cipher, sealed.replace('mkc1.k1.', 'mkc1.k9.'));
    expect(unknown.keyId).toBe('k9');
    expect(unknown.message).toMatch(/key "k9", which is not among TokenCipher's keys \(k1\)/);
    expect((await openError(cipher, '{"accessToken":"at_secret_1"}')).keyId).toBeUndefined();
  });

  it('rotates: the first key seals, every key opens, and isStale says what to rewrite', async () => {
    const old = await new TokenCipher({ keys: [k1] }).seal(tokens, 'conn_1');
    const rotated = new TokenCipher({ keys: [k2, k1] });
    expect(await rotated.open(old, 'conn_1')).toEqual(tokens);
    expect(rotated.isStale(old)).toBe(true);
    const fresh = await rotated.seal(tokens, 'conn_1');
    expect(fresh.startsWith('mkc1.k2.')).toBe(true);
    expect(rotated.isStale(fresh)).toBe(false);
    expect(await new TokenCipher({ keys: [k2] }).open(fresh, 'conn_1')).toEqual(tokens);
  });

  it('refuses keys that are not 32 bytes of base64, naming the option', () => {
    const short = btoa('x'.repeat(16));
    expect(() => new TokenCipher({ keys: [k1, { id: 'k2', secret: short }] })).toThrow(
      new RangeError(
        'TokenCipher: keys[1].secret must be 32 bytes in base64 or base64url (openssl rand -base64 32), got 16 bytes.',
      ),
    );
    expect(() => new TokenCipher({ keys: [{ id: 'k1', secret: 'not base64!' }] })).toThrow(
      /keys\[0\]\.secret .* got 11 characters that are not base64\.$/,
    );
    const urlSafe = k1.secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(() => new TokenCipher({ keys: [{ id: 'k1', secret: urlSafe }] })).not.toThrow();
    expect(() => new TokenCipher({ keys: [k1, { ...k2, id: 'k1' }] })).toThrow(
      /keys\[1\]\.id is the same as keys\[0\]\.id/,
    );
    expect(() => new TokenCipher({ keys: [{ ...k1, id: 'a.b' }] })).toThrow(RangeError);
    expect(() => new TokenCipher({ keys: [] })).toThrow(TypeError);
  });

  it('never quotes an id or a secret it refuses (a key written secret:id), only position and length', () => {
    const secret = TokenCipher.generateSecret();
    const urlSafe = secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const refusal = (keys: Array<{ id: string; secret: string }>) => {
      try {
        new TokenCipher({ keys });
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        const printed = `${(error as Error).message} ${String(error)} ${inspect(error)} ${JSON.stringify(error)}`;
        expect(printed).not.toContain(secret);
        expect(printed).not.toContain(urlSafe);
        return (error as Error).message;
      }
      throw new Error('the keys were accepted');
    };
    // The secret where the id belongs: not an id (base64 has '+', '/' or '=').
    expect(refusal([k1, { id: secret, secret: '2026-11' }])).toBe(
      `TokenCipher: keys[1].id must be 1 to 64 letters, digits, '_' or '-' (a short name such as 2026-11; the key itself goes in secret), got ${secret.length} characters.`,
    );
    // A base64url secret passes as an id: the secret's own check must not quote it either.
    expect(refusal([{ id: urlSafe, secret: '2026-11' }])).toMatch(
      /^TokenCipher: keys\[0\]\.secret must be 32 bytes .*, got (\d+ bytes|7 characters that are not base64)\.$/,
    );
    expect(
      refusal([
        { id: urlSafe, secret },
        { id: urlSafe, secret: k2.secret },
      ]),
    ).toBe('TokenCipher: keys[1].id is the same as keys[0].id; give each key its own id.');
  });

  it('prints its key ids only', () => {
    const cipher = new TokenCipher({ keys: [k2, k1] });
    for (const printed of [inspect(cipher), JSON.stringify(cipher), String(cipher)]) {
      expect(printed).toContain('k2');
      expect(printed).not.toContain(k1.secret);
      expect(printed).not.toContain(k2.secret);
    }
  });
});
