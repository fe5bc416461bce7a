import type { LinkErrorCode } from '../errors/LinkErrorCode.js';
import { type ErrorContext, MakiniError } from '../errors/MakiniError.js';

/**
 * The Link flow ended without a usable code, or a Link call could not be made: the customer
 * cancelled (`access_denied`), the callback's `state` did not match (`STATE_MISMATCH`, a forged or
 * stale callback), the provider reported another OAuth error, or a call that needs the client
 * secret ran in a browser (`SECRET_IN_BROWSER`). `code` is one of {@link LinkErrorCode}.
 *
 * @example
 * try {
 *   parseCallback(request.url, { expectedState: session.linkState });
 * } catch (error) {
 *   if (LinkError.is(error) && error.code === 'access_denied') return showCancelled();
 *   throw error;
 * }
 */
export class LinkError extends MakiniError {
  /** @inheritDoc */
  static override readonly KIND: string = 'LinkError';
  declare readonly code: LinkErrorCode;
  /** The provider's `error_description`, if any. */
  readonly description: string | undefined;

  /**
   * The Link helpers make it; construct one yourself to fail a flow in a test.
   *
   * @param code What failed, one of {@link LinkErrorCode}.
   * @param message What went wrong and what the customer or developer can do.
   * @param description The provider's `error_description`, if any.
   * @param context The request, when a call failed.
   */
  constructor(
    code: LinkErrorCode,
    message: string,
    description?: string,
    context: ErrorContext = {},
  ) {
    super(code, message, context);
    this.description = description;
  }
}
