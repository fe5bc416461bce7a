import type { HmacProvider } from './HmacProvider.js';

const encoder = new TextEncoder();

/** Imported keys, per key array (the same array for the same secret): importing costs more than signing. */
const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function importKey(key: Uint8Array): Promise<CryptoKey> {
  let cached = imported.get(key);
  if (!cached) {
    cached = crypto.subtle.importKey(
      'raw',
      key as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    imported.set(key, cached);
  }
  return cached;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

function concat(parts: ReadonlyArray<string | Uint8Array>): Uint8Array {
  const encoded = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : part));
  const joined = new Uint8Array(encoded.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of encoded) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** WebCrypto: runs on edge runtimes, Deno, Bun and browsers. */
export const webHmac: HmacProvider = {
  async sign(key, parts) {
    const signature = await crypto.subtle.sign(
      'HMAC',
      await importKey(key),
      concat(parts) as BufferSource,
    );
    return new Uint8Array(signature);
  },
  equal(a, b) {
    if (a.length !== b.length) return false;
    let difference = 0;
    for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
    return difference === 0;
  },
  toBase64: bytesToBase64,
};
