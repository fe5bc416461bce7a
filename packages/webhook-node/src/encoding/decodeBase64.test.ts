import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Into, decodedLength } from './decodeBase64.js';

describe('decodeBase64', () => {
  it('decodes what Buffer encodes, for every length up to 100 bytes', () => {
    for (let size = 0; size <= 100; size++) {
      const bytes = randomBytes(size);
      expect(Buffer.from(decodeBase64(bytes.toString('base64')) ?? [])).toEqual(bytes);
    }
  });

  it('decodes a range of a longer text in place', () => {
    const bytes = randomBytes(32);
    const header = `v1,${bytes.toString('base64')} v1,other`;
    expect(Buffer.from(decodeBase64(header, 3, 47) ?? [])).toEqual(bytes);
  });

  it.each([
    ['a length that is not a multiple of 4', 'QUJD='],
    ['a character outside the alphabet', 'QU-D'],
    ['URL-safe base64', 'ab_-'],
    ['padding in the middle', 'QQ==QUJD'],
    ['three padding characters', 'Q==='],
    ['a non-ASCII character', 'QUJé'],
    ['whitespace', 'QUJ DQUJ'],
    ['a character past Latin-1', 'QUJ\u0141'],
    ['padding alone', '===='],
    ['unused bits set before one "="', 'QUJ='],
    ['unused bits set before two "="', 'QR=='],
    [
      'unused bits set in a longer text',
      `${Buffer.alloc(32, 1).toString('base64').slice(0, 42)}F=`,
    ],
  ])('refuses %s', (_, text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('accepts one encoding of each byte string: the canonical one', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (const size of [1, 2, 4, 5, 31, 32]) {
      const bytes = randomBytes(size);
      const text = bytes.toString('base64');
      // The last character before the padding carries the bits no byte uses.
      const at = text.indexOf('=') - 1;
      const decodingToBytes = [...alphabet]
        .map((char) => `${text.slice(0, at)}${char}${text.slice(at + 1)}`)
        .filter((variant) => {
          const decoded = decodeBase64(variant);
          return decoded !== undefined && Buffer.from(decoded).equals(bytes);
        });
      expect(decodingToBytes).toEqual([text]);
    }
  });

  it('decodes into a given buffer, and says how long it must be', () => {
    const bytes = randomBytes(32);
    const text = bytes.toString('base64');
    expect(decodedLength(text)).toBe(32);
    expect(decodedLength('QUJD=')).toBe(-1);
    const target = new Uint8Array(32);
    expect(decodeBase64Into(target, text)).toBe(true);
    expect(Buffer.from(target)).toEqual(bytes);
    expect(decodeBase64Into(target, `${text.slice(0, 20)}*${text.slice(21)}`)).toBe(false);
  });
});
