import { TokenDecryptionError } from '../errors/TokenDecryptionError.js';
import { fromBase64, toBase64Url } from './base64url.js';
import type { TokenSet } from './TokenManager.js';

/** One application key of a {@link TokenCipher}. */
export interface TokenCipherKey {
  /** Short, stable name stored with each ciphertext (letters, digits, `_` and `-`), e.g. `2026-11`. */
  id: string;
  /** 32 random bytes, base64 or base64url (`openssl rand -base64 32`). A secret: keep it out of the code. */
  secret: string;
}

/** Options of {@link TokenCipher}. */
export interface TokenCipherOptions {
  /**
   * The first key seals; every key opens. Rotation on several replicas: add the new key second
   * everywhere, then move it first, then drop the old key once nothing is sealed with it.
   */
  keys: readonly TokenCipherKey[];
}

const FORMAT = 'mkc1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const encoder = new TextEncoder();

/** The key id of a sealed value, or `undefined` when it is not one. */
function keyIdOf(sealed: unknown): string | undefined {
  if (typeof sealed !== 'string') return undefined;
  const parts = sealed.split('.');
  return parts.length === 4 && parts[0] === FORMAT ? parts[1] : undefined;
}

/** What a refused option value was, without quoting it. */
function lengthOf(value: unknown): string {
  return typeof value === 'string' ? `${value.length} characters` : String(typeof value);
}

function tokenSetOf(value: unknown): TokenSet | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { accessToken, refreshToken, expiresAt } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') return undefined;
  if (!(refreshToken == null || typeof refreshToken === 'string')) return undefined;
  if (!(expiresAt === null || (typeof expiresAt === 'number' && Number.isFinite(expiresAt))))
    return undefined;
  return { accessToken, refreshToken: refreshToken ?? null, expiresAt };
}

/**
 * Seals token sets for storage at rest (Redis, a JSON file) with AES-256-GCM through WebCrypto, so
 * it runs in Node 20+, browsers and edge runtimes. Each value carries the id of the key that sealed
 * it and a 12-byte random IV, and is bound to its connection: the connection key is the additional
 * data, so a value copied to another connection does not open.
 *
 * @example
 * const cipher = new TokenCipher({ keys: [{ id: '2026-11', secret: process.env.MAKINI_TOKEN_KEY! }] });
 * const sealed = await cipher.seal(tokens, connectionKey); // 'mkc1.2026-11.<iv>.<ciphertext>'
 * const again = await cipher.open(sealed, connectionKey);
 */
export class TokenCipher {
  /** The ids of the keys, the sealing key first. Not secret. */
  readonly keyIds: readonly string[];
  readonly #secrets = new Map<string, Uint8Array>();
  readonly #keys = new Map<string, Promise<CryptoKey>>();

  /**
   * @param options The keys, the sealing one first.
   * @throws {TypeError} Without keys.
   * @throws {RangeError} For a key whose id is not a short name, whose secret is not 32 bytes of
   *   base64, or whose id another key has.
   */
  constructor(options: TokenCipherOptions) {
    const keys = options?.keys;
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new TypeError(
        'TokenCipher needs keys: [{ id, secret }], the secret 32 random bytes in base64 (openssl rand -base64 32).',
      );
    }
    // A refused id or secret is never quoted, only its position and length: a key written the
    // wrong way round (secret:id) would otherwise put the secret in the error and the log.
    const seen = new Map<string, number>();
    keys.forEach((key: TokenCipherKey, index) => {
      const id = key?.id;
      if (typeof id !== 'string' || !KEY_ID.test(id)) {
        throw new RangeError(
          `TokenCipher: keys[${index}].id must be 1 to 64 letters, digits, '_' or '-' (a short name such as 2026-11; the key itself goes in secret), got ${lengthOf(id)}.`,
        );
      }
      const first = seen.get(id);
      if (first !== undefined) {
        throw new RangeError(
          `TokenCipher: keys[${index}].id is the same as keys[${first}].id; give each key its own id.`,
        );
      }
      const bytes = typeof key.secret === 'string' ? fromBase64(key.secret) : undefined;
      if (bytes?.length !== 32) {
        throw new RangeError(
          `TokenCipher: keys[${index}].secret must be 32 bytes in base64 or base64url (openssl rand -base64 32), got ${bytes ? `${bytes.length} bytes` : `${lengthOf(key.secret)} that are not base64`}.`,
        );
      }
      seen.set(id, index);
      this.#secrets.set(id, bytes);
    });
    this.keyIds = keys.map((key) => key.id);
  }

  /**
   * A new key secret: 32 random bytes in base64, for a development key. Production keys belong in a
   * secret manager.
   */
  static generateSecret(): string {
    return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
  }

  #key(id: string): Promise<CryptoKey> | undefined {
    let key = this.#keys.get(id);
    const secret = this.#secrets.get(id);
    if (!key && secret) {
      key = crypto.subtle.importKey('raw', secret as BufferSource, 'AES-GCM', false, [
        'encrypt',
        'decrypt',
      ]);
      this.#keys.set(id, key);
    }
    return key;
  }

  /** Seals `tokens` with the first key, bound to `associatedData` (the connection key). */
  async seal(tokens: TokenSet, associatedData: string): Promise<string> {
    const value = tokenSetOf(tokens);
    if (!value) {
      throw new TypeError(
        'TokenCipher.seal needs a token set: { accessToken, refreshToken, expiresAt }.',
      );
    }
    const id = this.keyIds[0] as string;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(associatedData) },
      await (this.#key(id) as Promise<CryptoKey>),
      encoder.encode(JSON.stringify(value)),
    );
    return `${FORMAT}.${id}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
  }

  /**
   * Opens what `seal` made for the same `associatedData`.
   *
   * @throws {TokenDecryptionError} when the value is no sealed token set, names a key not in `keys`,
   * or does not open (another key under that id, another connection, altered at rest).
   */
  async open(sealed: string, associatedData: string): Promise<TokenSet> {
    const id = keyIdOf(sealed);
    if (id === undefined) {
      throw new TokenDecryptionError(
        `Stored tokens are not a sealed token set (${FORMAT}.<keyId>.<iv>.<ciphertext>): something else wrote them, or they were cut short.`,
      );
    }
    const key = this.#key(id);
    if (!key) {
      throw new TokenDecryptionError(
        `Stored tokens were sealed with key "${id}", which is not among TokenCipher's keys (${this.keyIds.join(', ')}). Put that key in keys, after the current one: a retired key stays until every token is rewritten, and a new one is added second on every replica before any replica seals with it.`,
        { keyId: id },
      );
    }
    const [, , iv = '', data = ''] = sealed.split('.');
    try {
      const opened = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64(iv) as BufferSource,
          additionalData: encoder.encode(associatedData),
        },
        await key,
        fromBase64(data) as BufferSource,
      );
      const tokens = tokenSetOf(JSON.parse(new TextDecoder().decode(opened)));
      if (tokens) return tokens;
    } catch {
      // The reason WebCrypto gives (OperationError) says nothing more; the message below does.
    }
    throw new TokenDecryptionError(
      `Stored tokens sealed with key "${id}" did not open: that key's secret changed, the value was sealed for another connection, or it was altered at rest.`,
      { keyId: id },
    );
  }

  /** True when `sealed` was not sealed with the first key: rewrite it (seal it again) to rotate. */
  isStale(sealed: string): boolean {
    return keyIdOf(sealed) !== this.keyIds[0];
  }

  /** Describes the cipher by its key ids only, for logs and `JSON.stringify`. */
  toJSON() {
    return {
      /** The ids of the keys, the sealing key first. */
      keyIds: [...this.keyIds],
    };
  }

  /** The same description, as text. */
  toString(): string {
    return `TokenCipher ${JSON.stringify(this.toJSON())}`;
  }

  /** Node's `util.inspect` prints the key ids only. */
  [INSPECT](): string {
    return this.toString();
  }
}
