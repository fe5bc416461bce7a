/**
 * HMAC-SHA256 and constant-time comparison, implemented with `node:crypto` on Node and with
 * WebCrypto elsewhere; the verifier is written once against this interface.
 */
export interface HmacProvider {
  /** HMAC-SHA256 of the concatenated parts, keyed by `key`. */
  sign(
    key: Uint8Array,
    parts: ReadonlyArray<string | Uint8Array>,
  ): Uint8Array | Promise<Uint8Array>;
  /** Constant-time equality of two byte strings (false, quickly, for different lengths). */
  equal(a: Uint8Array, b: Uint8Array): boolean;
  /** Decodes standard base64, or returns `undefined` for text that is not base64. */
  fromBase64(text: string): Uint8Array | undefined;
  toBase64(bytes: Uint8Array): string;
}
