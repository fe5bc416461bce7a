import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { HmacProvider } from './HmacProvider.js';

/** Key objects per key array (the same array for the same secret): a plain Uint8Array key is converted on every HMAC. */
const keyObjects = new WeakMap<Uint8Array, KeyObject>();

function keyObject(key: Uint8Array): KeyObject {
  let cached = keyObjects.get(key);
  if (!cached) {
    cached = createSecretKey(key);
    keyObjects.set(key, cached);
  }
  return cached;
}

/** `node:crypto`: the fastest HMAC on Node, and its native constant-time comparison. */
export const nodeHmac: HmacProvider = {
  sign(key, parts) {
    const hmac = createHmac('sha256', keyObject(key));
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  },
  equal(a, b) {
    return a.length === b.length && timingSafeEqual(a, b);
  },
  toBase64(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  },
};
