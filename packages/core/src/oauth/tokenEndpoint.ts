import { errorFromResponse } from '../errors/errorFromResponse.js';
import {
  ConnectionError,
  MakiniError,
  ReauthorizationRequiredError,
} from '../errors/MakiniError.js';
import { TokenResponse } from '../models/TokenResponse.js';

export interface TokenEndpointOptions {
  clientId: string;
  /** Server side only: never ship it to a browser. */
  clientSecret: string;
  /** @default 'https://api.makini.io' */
  baseUrl?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A secret in a page is a secret published: refuse before it is sent anywhere. */
function refuseInBrowser(what: string) {
  const global = globalThis as { window?: unknown; document?: unknown };
  if (typeof global.window !== 'undefined' && typeof global.document !== 'undefined') {
    throw new MakiniError(
      'SECRET_IN_BROWSER',
      `${what} needs the client secret and must run on your server. Send the Link code to your back end and exchange it there.`,
    );
  }
}

async function requestToken(
  options: TokenEndpointOptions,
  grant: Record<string, string>,
  what: string,
): Promise<TokenResponse> {
  refuseInBrowser(what);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const base = (options.baseUrl ?? 'https://api.makini.io').replace(/\/+$/, '');
  const body = new URLSearchParams({
    ...grant,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  let response: Response;
  try {
    response = await fetchImpl(`${base}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    throw new ConnectionError(
      'CONNECTION_FAILED',
      `${what}: the token endpoint could not be reached. Check baseUrl.`,
      { cause },
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  const context = { method: 'POST', path: '/link/token', attempts: 1 };
  if (!response.ok) {
    const oauthError = (json as { error?: unknown })?.error;
    if (oauthError === 'invalid_grant' && grant.grant_type === 'refresh_token') {
      const description = String(
        (json as { error_description?: unknown }).error_description ??
          'The refresh token was refused.',
      );
      throw new ReauthorizationRequiredError(
        response.status,
        `${description} The customer must reconnect through Makini Link.`,
        {
          ...context,
          body: json,
          requestId: response.headers.get('x-request-id') ?? undefined,
        },
      );
    }
    throw errorFromResponse(response.status, response.headers, json, context);
  }
  const parsed = TokenResponse.safeParse(json);
  if (!parsed.success) {
    throw new MakiniError(
      'VALIDATION_ERROR',
      `${what}: the token response is not an OAuth token response (${parsed.error.issues[0]?.message}).`,
    );
  }
  return parsed.data;
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
 */
export function refreshToken(options: TokenEndpointOptions & { refreshToken: string }) {
  return requestToken(
    options,
    { grant_type: 'refresh_token', refresh_token: options.refreshToken },
    'refreshToken',
  );
}

/** A client token for the system endpoints (`/api/system/*`), server side. */
export function clientCredentials(options: TokenEndpointOptions) {
  return requestToken(options, { grant_type: 'client_credentials' }, 'clientCredentials');
}
