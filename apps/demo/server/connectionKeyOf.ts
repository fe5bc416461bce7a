import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';

/**
 * The key a Link sign-in's tokens are kept under: the connection Makini named for them (see
 * `DemoConnections.identify`), never one the browser sent. A reconnect (`expected`) must be that
 * very connection, else `wrongConnection` is thrown: otherwise one customer's sign-in could replace
 * another connection's tokens. A new connection needs Makini to name it.
 *
 * @throws the error `wrongConnection` makes, for a reconnect Makini names another connection or none for
 * @throws {DemoHttpError} 502 `CONNECTION_UNNAMED` for a new connection Makini names none for
 */
export function connectionKeyOf(
  named: string | undefined,
  expected: string | undefined,
  wrongConnection: (message: string) => Error,
): string {
  if (expected !== undefined) {
    if (named === expected) return named;
    throw wrongConnection(
      named
        ? 'Link signed in to another connection than the one being reconnected; nothing was changed.'
        : 'Makini names no connection for this sign-in, so it cannot be shown to be the one being reconnected; nothing was changed.',
    );
  }
  if (named) return named;
  throw new DemoHttpError(
    502,
    DemoErrorCode.CONNECTION_UNNAMED,
    "Makini names no connection for this sign-in (no connection_id in the token answer, no id from integrations.current), so the new connection has no key to be kept under; nothing was stored. Connect again, or ask Makini's support.",
  );
}
