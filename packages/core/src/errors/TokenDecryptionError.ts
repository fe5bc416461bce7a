import { type ErrorContext, MakiniError } from './MakiniError.js';

/**
 * A sealed token set did not open (`TOKEN_DECRYPTION_FAILED`): it was sealed with a key that is no
 * longer in `TokenCipher`'s `keys`, for another connection, or altered at rest. The message names
 * the key id it was sealed with, never a token. Keep retired keys in `keys` until every stored
 * token has been rewritten with the current one.
 *
 * @example
 * const tokens = await cipher.open(sealed, connectionKey).catch((error) => {
 *   if (TokenDecryptionError.is(error)) log.error(`tokens of ${connectionKey}: ${error.message}`);
 *   throw error;
 * });
 */
export class TokenDecryptionError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'TokenDecryptionError';
  declare readonly code: 'TOKEN_DECRYPTION_FAILED';
  /** The id of the key the value says it was sealed with, when it could be read. */
  readonly keyId: string | undefined;

  /**
   * `TokenCipher` makes it when a sealed value does not open.
   *
   * @param message Why the value did not open, naming the key id and never a token.
   * @param context The key id the value says it was sealed with.
   */
  constructor(message: string, context: ErrorContext & { keyId?: string | undefined } = {}) {
    super('TOKEN_DECRYPTION_FAILED', message, context);
    this.keyId = context.keyId;
  }

  /** {@inheritDoc MakiniError.toJSON} */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), keyId: this.keyId };
  }
}
