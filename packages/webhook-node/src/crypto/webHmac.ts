import type { HmacProvider } from './HmacProvider.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const encoder = new TextEncoder();

/** Imported keys, cached per key bytes: importing costs more than signing a small payload. */
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 64;

function importKey(key: Uint8Array): Promise<CryptoKey> {
  const id = bytesToBase64(key);
  let cached = keys.get(id);
  if (!cached) {
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    cached = crypto.subtle.importKey(
      'raw',
      key as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(id, cached);
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
  fromBase64(text) {
    if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  },
  toBase64: bytesToBase64,
};
