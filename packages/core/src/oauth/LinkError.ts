import { MakiniError } from '../errors/MakiniError.js';

/**
 * The Link flow ended without a usable code: the customer cancelled (`access_denied`), the
 * callback's `state` did not match (a forged or stale callback), or the provider reported an
 * OAuth error. `code` is the OAuth error code or one of `STATE_MISMATCH`, `MISSING_CODE`.
 */
export class LinkError extends MakiniError {
  static override readonly KIND: string = 'LinkError';
  /** The provider's `error_description`, if any. */
  readonly description: string | undefined;

  constructor(code: string, message: string, description?: string) {
    super(code, message);
    this.description = description;
  }
}
