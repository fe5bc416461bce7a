import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HmacProvider } from './HmacProvider.js';

/** `node:crypto`: the fastest HMAC on Node, and its native constant-time comparison. */
export const nodeHmac: HmacProvider = {
  sign(key, parts) {
    const hmac = createHmac('sha256', key);
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
