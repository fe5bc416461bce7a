/**
 * HMAC-SHA256 and constant-time comparison, implemented with `node:crypto` on Node and with
 * WebCrypto elsewhere; the verifier is written once against this interface.
 */
export interface HmacProvider {
  /**
   * HMAC-SHA256 of the concatenated parts, keyed by `key`. Keys are cached per secret, so the same
   * secret always comes as the same array: an implementation may cache its own key object per array.
   */
  sign(
    key: Uint8Array,
    parts: ReadonlyArray<string | Uint8Array>,
  ): Uint8Array | Promise<Uint8Array>;
  /** Constant-time equality of two byte strings (false, quickly, for different lengths). */
  equal(a: Uint8Array, b: Uint8Array): boolean;
  toBase64(bytes: Uint8Array): string;
}
