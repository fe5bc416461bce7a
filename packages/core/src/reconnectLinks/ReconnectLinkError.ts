import { type ErrorContext, MakiniError } from '../errors/MakiniError.js';
import type { ReconnectLinkErrorCode } from './ReconnectLinkErrorCode.js';

/**
 * A reconnect link was refused: expired, used, not genuine, or for another connection (`code`, one of
 * {@link ReconnectLinkErrorCode}). The message says what to do; it never quotes the token or a secret,
 * so the error can be logged and its `code` sent to the page as it is.
 *
 * @example
 * try {
 *   await links.verify(token);
 * } catch (error) {
 *   if (ReconnectLinkError.is(error)) return Response.json({ code: error.code }, { status: 410 });
 *   throw error;
 * }
 */
export class ReconnectLinkError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'ReconnectLinkError';
  declare readonly code: ReconnectLinkErrorCode;

  /**
   * `ReconnectLinks` makes it when it refuses a link; your back end may pass its `code` on to the page.
   *
   * @param code Why the link was refused.
   * @param message What happened, naming no token or secret.
   * @param context The call, when there was one.
   */
  constructor(code: ReconnectLinkErrorCode, message: string, context: ErrorContext = {}) {
    super(code, message, context);
  }
}
