import { toBase64Url } from '../oauth/base64url.js';

/** One HMAC key of `ReconnectLinks`, with the fingerprint tokens name it by. */
export interface LinkKey {
  /** Not secret: the first 9 bytes of HMAC(key, a fixed label), base64url. */
  fingerprint: string;
  key: CryptoKey;
}

const MIN_BYTES = 32;
const FINGERPRINT_LABEL = new TextEncoder().encode('makini-kit reconnect link key');

/**
 * The secrets as bytes, checked: at least one, each at least 32 bytes. A refused secret is named by
 * its position and length only, never quoted.
 */
export function secretBytes(secrets: unknown): Uint8Array[] {
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError(
      'ReconnectLinks needs secrets: [secret], each at least 32 random bytes (openssl rand -base64 32), kept in a secret manager.',
    );
  }
  return secrets.map((secret: unknown, index) => {
    const bytes =
      typeof secret === 'string'
        ? new TextEncoder().encode(secret)
        : secret instanceof Uint8Array
          ? secret
          : undefined;
    if (!bytes) {
      throw new TypeError(
        `ReconnectLinks: secrets[${index}] must be a string or a Uint8Array, got ${typeof secret}.`,
      );
    }
    if (bytes.length < MIN_BYTES) {
      throw new TypeError(
        `ReconnectLinks: secrets[${index}] is ${bytes.length} bytes; use at least ${MIN_BYTES} random bytes (openssl rand -base64 32).`,
      );
    }
    return Uint8Array.from(bytes);
  });
}

/** Imports each secret as an HMAC-SHA256 key and names it by its fingerprint. */
export async function importLinkKeys(secrets: readonly Uint8Array[]): Promise<LinkKey[]> {
  return Promise.all(
    secrets.map(async (secret) => {
      const key = await crypto.subtle.importKey(
        'raw',
        secret as BufferSource,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      );
      const mark = new Uint8Array(
        await crypto.subtle.sign('HMAC', key, FINGERPRINT_LABEL as BufferSource),
      );
      return { fingerprint: toBase64Url(mark.subarray(0, 9)), key };
    }),
  );
}
