import type { ClientHooks } from '../client/ClientHooks.js';
import type { RequestLog } from '../client/RequestLog.js';
import { Transport } from '../client/Transport.js';
import {
  MakiniApiError,
  ReauthorizationRequiredError,
  wrappedContext,
} from '../errors/MakiniError.js';
import { TokenResponse } from '../models/TokenResponse.js';
import type { Telemetry } from '../telemetry/Telemetry.js';
import { LinkError } from './LinkError.js';

/** What every call to Link's token endpoint takes (`exchangeCode`, `refreshToken`, `clientCredentials`). */
export interface TokenEndpointOptions {
  /** Your Makini client id. */
  clientId: string;
  /** Server side only: never ship it to a browser. */
  clientSecret: string;
  /** @default 'https://api.makini.io' */
  baseUrl?: string;
  /** The `fetch` to send with (a proxy agent, a test double of the network). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Aborts the call; it then rejects with `AbortError`. */
  signal?: AbortSignal;
  /** The call rejects with `TimeoutError` when the token endpoint has not answered by then. @default 30_000 */
  timeoutMs?: number;
  /** Where the call is logged, e.g. a client's `requestLog` to keep one log. @default a log of its own */
  requestLog?: RequestLog;
  /** The same hooks a `MakiniClient` takes. */
  hooks?: ClientHooks;
  /** Sent as `user-agent` where the runtime allows it. */
  userAgent?: string;
  /** An HTTP client span for the call, as `MakiniClient` writes them. @default none */
  telemetry?: Telemetry;
}

/** A secret in a page is a secret published: refuse before it is sent anywhere. */
function refuseInBrowser(what: string) {
  const global = globalThis as { window?: unknown; document?: unknown };
  if (typeof global.window !== 'undefined' && typeof global.document !== 'undefined') {
    throw new LinkError(
      'SECRET_IN_BROWSER',
      `${what} needs the client secret and must run on your server. Send the Link code to your back end and exchange it there.`,
    );
  }
}

/**
 * One call of `POST /link/token`, through the same transport as every API call: timeout, request
 * id, typed errors, redaction, request log and hooks. Not retried: a code or refresh token is
 * single-use, so a second try could only be refused (or revoke what the first issued). No error it
 * throws holds the client secret, the code, the refresh token or a token of the answer: a body kept
 * on an error has every value under a token, secret or code key replaced.
 */
async function requestToken(
  options: TokenEndpointOptions,
  grant: Record<string, string>,
  what: string,
): Promise<TokenResponse> {
  refuseInBrowser(what);
  const transport = new Transport({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: 0,
    hooks: options.hooks,
    requestLog: options.requestLog,
    userAgent: options.userAgent,
    telemetry: options.telemetry,
  });
  const body = new URLSearchParams({
    ...grant,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  try {
    return await transport.request({
      method: 'POST',
      path: '/link/token',
      template: '/link/token',
      body,
      schema: TokenResponse,
      signal: options.signal,
      redact: [options.clientSecret, grant.code, grant.refresh_token],
      // A token answer that breaks the schema still holds a live pair.
      secretBody: true,
    });
  } catch (error) {
    if (
      MakiniApiError.is(error) &&
      error.code === 'invalid_grant' &&
      grant.grant_type === 'refresh_token'
    ) {
      throw new ReauthorizationRequiredError(
        error.status,
        `${error.message} The customer must reconnect through Makini Link.`,
        wrappedContext(error),
      );
    }
    throw error;
  }
}

/**
 * Exchanges a Link code for tokens (server side). The response's `expiresAt` is absolute, whatever
 * form `expires_in` took.
 *
 * @example
 * const { code } = parseCallback(request.url, { expectedState: session.linkState });
 * const tokens = await exchangeCode({ clientId, clientSecret, code, redirectUri });
 */
export function exchangeCode(
  options: TokenEndpointOptions & { code: string; redirectUri: string },
) {
  return requestToken(
    options,
    { grant_type: 'authorization_code', code: options.code, redirect_uri: options.redirectUri },
    'exchangeCode',
  );
}

/**
 * Trades a refresh token for a new pair (the old refresh token stops working). A refused refresh
 * token throws `ReauthorizationRequiredError`: the customer must run Link again.
 *
 * @example
 * const next = await refreshToken({ clientId, clientSecret, refreshToken: stored.refreshToken });
 * await save({ accessToken: next.access_token, refreshToken: next.refresh_token, expiresAt: next.expiresAt });
 */
export function refreshToken(options: TokenEndpointOptions & { refreshToken: string }) {
  return requestToken(
    options,
    { grant_type: 'refresh_token', refresh_token: options.refreshToken },
    'refreshToken',
  );
}

/**
 * A client token for the system endpoints (`/api/system/*`), server side.
 *
 * @example
 * const { access_token } = await clientCredentials({ clientId, clientSecret });
 * const system = new MakiniClient({ token: access_token });
 * const connections = await system.connections.list();
 */
export function clientCredentials(options: TokenEndpointOptions) {
  return requestToken(options, { grant_type: 'client_credentials' }, 'clientCredentials');
}
