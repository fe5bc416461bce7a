import { redactText } from '../client/redact.js';
import { redactError } from '../client/redactError.js';
import { MakiniError, ReauthorizationRequiredError } from '../errors/MakiniError.js';
import { StateStoreError } from '../errors/StateStoreError.js';
import type { TokenSet } from './TokenManager.js';

/** Every secret of some token sets, for redaction. */
export const secretsOf = (...sets: Array<TokenSet | undefined>) =>
  sets.flatMap((set) => (set ? [set.accessToken, set.refreshToken] : []));

/** A refused refresh, raised again as the connection's own `ReauthorizationRequiredError`. */
export function reauthorization(
  error: ReauthorizationRequiredError,
  connectionKey: string | undefined,
): ReauthorizationRequiredError {
  return new ReauthorizationRequiredError(error.status, error.message, {
    connectionKey: connectionKey ?? error.connectionKey,
    requestId: error.requestId,
    attempts: error.attempts,
    method: error.method,
    path: error.path,
    cause: error,
  });
}

/** The access token expired and nothing can renew it. */
export function noRefreshToken(connectionKey: string | undefined): ReauthorizationRequiredError {
  return new ReauthorizationRequiredError(
    401,
    'The access token expired and there is no refresh token: the customer must reconnect through Makini Link.',
    { connectionKey },
  );
}

/** The store holds no tokens for the connection (never linked, or disconnected since). */
export function noStoredTokens(connectionKey: string): ReauthorizationRequiredError {
  return new ReauthorizationRequiredError(
    401,
    `The token store holds no tokens for connection ${connectionKey}: connect it through Makini Link (and save the tokens with store.set).`,
    { connectionKey },
  );
}

/**
 * A store or lock call failed. The kit's own errors (`StateStoreError` from the Redis stores,
 * `TokenDecryptionError`) pass as they are; anything else becomes a `StateStoreError` whose message
 * and cause quote no token.
 */
export function storeFailure(
  error: unknown,
  operation: string,
  connectionKey: string,
  secrets: ReadonlyArray<string | null | undefined>,
): MakiniError {
  if (MakiniError.is(error)) return error;
  const reason = redactText(String((error as Error)?.message ?? error), secrets);
  return new StateStoreError(
    `${operation} failed for connection ${connectionKey} (${reason}). The stored tokens were left as they are; the next call tries again.`,
    { operation, cause: redactError(error, secrets) },
  );
}
