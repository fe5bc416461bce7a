import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * `bytes` cryptographically random bytes as base64url (or hex). Drawn from a pool refilled 4 KiB at a
 * time: one system call per ~170 tokens rather than one each, which a refresh storm of tens of
 * thousands of requests notices.
 */
export function randomToken(bytes: number, encoding: 'base64url' | 'hex' = 'base64url'): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const text = pool.toString(encoding, offset, offset + bytes);
  offset += bytes;
  return text;
}
