import { fromBase64, toBase64Url } from '../oauth/base64url.js';

/** What a reconnect link's token says, before its signature is checked. */
export interface LinkPayload {
  v: 1;
  /** 16 random bytes, base64url: the link's identity for single use. */
  id: string;
  /** The connection key the link reconnects. */
  c: string;
  /** Expiry, epoch ms. */
  e: number;
  /** Which key signed it: a fingerprint of the key, never the key. */
  k: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The signed part of a token: the payload as base64url of its JSON. */
export function encodePayload(payload: LinkPayload): string {
  return toBase64Url(encoder.encode(JSON.stringify(payload)));
}

/**
 * Splits `<payload>.<signature>` and reads the payload; `undefined` for anything that is not one.
 * The signature must be canonical base64url (the very text `toBase64Url` writes), so no second
 * spelling of the same bytes passes as the same token.
 */
export function decodeToken(
  token: unknown,
): { payload: LinkPayload; signed: string; signature: Uint8Array } | undefined {
  if (typeof token !== 'string' || token.length > 4096) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [signed = '', signatureText = ''] = parts;
  const signature = fromBase64(signatureText);
  const body = fromBase64(signed);
  if (!signature || !body || signature.length !== 32) return undefined;
  if (toBase64Url(signature) !== signatureText || toBase64Url(body) !== signed) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(body));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, id, c, e, k } = value as Record<string, unknown>;
  if (v !== 1 || typeof id !== 'string' || id === '' || typeof c !== 'string' || c === '')
    return undefined;
  if (typeof e !== 'number' || !Number.isFinite(e) || typeof k !== 'string') return undefined;
  return { payload: { v, id, c, e, k }, signed, signature };
}

export function randomLinkId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
