import { toLinkErrorCode } from '../errors/LinkErrorCode.js';
import { LinkError } from './LinkError.js';

/** Where Makini Link lives. */
export const MAKINI_LINK_URL = 'https://link.makini.io';

/** What `buildAuthorizeUrl` puts in Link's URL. */
export interface AuthorizeUrlOptions {
  /** Your Makini client id (public). */
  clientId: string;
  /** Must be registered with Makini exactly. */
  redirectUri: string;
  /** @default 'https://link.makini.io' (the sandbox's URL in development) */
  linkUrl?: string | undefined;
  /** A state you made; by default a fresh random one (returned for you to keep). */
  state?: string | undefined;
  /** The scopes to ask for, space-separated. @default none (Makini's default) */
  scope?: string | undefined;
  /** Pre-selects the system on the consent page (a platform `provider` slug). */
  platform?: string | undefined;
  /** Pre-fills the username (for a reconnect). */
  loginHint?: string | undefined;
  /**
   * Binds Link to an existing connection (its key): the consent page fixes that connection's
   * system and username, and signing in reconnects that same connection. Sent as `connection_id`.
   * Makini publishes no such parameter; the sandbox implements it (see its `FIDELITY.md`).
   */
  connectionId?: string | undefined;
}

/**
 * 32 random bytes from WebCrypto, base64url: unguessable, and safe in a URL.
 *
 * @example session.linkState = createState(); // 43 characters
 */
export function createState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The URL that starts Makini Link, and the `state` to keep (in the session) until the callback.
 *
 * @example
 * const { url, state } = buildAuthorizeUrl({ clientId, redirectUri: 'https://app.example/link/callback' });
 * session.linkState = state;
 * redirect(url);
 */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): {
  /** Send the customer here (a popup or a redirect). */
  url: string;
  /** Keep it until the callback, and check it with `parseCallback`. */
  state: string;
} {
  if (!options.clientId) throw new TypeError('buildAuthorizeUrl: clientId is required.');
  if (options.connectionId !== undefined && !options.connectionId.trim()) {
    throw new TypeError(
      'buildAuthorizeUrl: connectionId is blank; pass the connection key to reconnect, or leave it out to connect a new system.',
    );
  }
  const redirect = new URL(options.redirectUri);
  const state = options.state ?? createState();
  const url = new URL('/oauth/authorize', options.linkUrl ?? MAKINI_LINK_URL);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', redirect.toString());
  url.searchParams.set('state', state);
  if (options.scope) url.searchParams.set('scope', options.scope);
  if (options.platform) url.searchParams.set('platform', options.platform);
  if (options.loginHint) url.searchParams.set('login_hint', options.loginHint);
  if (options.connectionId) url.searchParams.set('connection_id', options.connectionId);
  return { url: url.toString(), state };
}

/** Compares without an early exit, so timing says nothing about how much of a guess was right. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    difference |= (a.charCodeAt(index) || 0) ^ (b.charCodeAt(index) || 0);
  }
  return difference === 0;
}

/**
 * Reads Link's callback (`?code=…&state=…` or `?error=…`). Checks `state` first: a callback with
 * another state is refused whatever else it says.
 *
 * @throws {LinkError} `STATE_MISMATCH`, `access_denied` (the customer cancelled), another OAuth
 *   error (`UNKNOWN_OAUTH_ERROR` for one RFC 6749 does not define; the message quotes it), or
 *   `MISSING_CODE`
 * @example
 * const { code } = parseCallback(request.url, { expectedState: session.linkState });
 * const tokens = await exchangeCode({ clientId, clientSecret, code, redirectUri });
 */
export function parseCallback(
  callback: string | URL | URLSearchParams,
  options: {
    /** The `state` that `buildAuthorizeUrl` returned for this session. */
    expectedState: string;
  },
): {
  /** The code to exchange on your server (`exchangeCode`); single use, short-lived. */
  code: string;
  /** The callback's `state`, equal to `expectedState`. */
  state: string;
} {
  const params =
    callback instanceof URLSearchParams
      ? callback
      : new URL(
          typeof callback === 'string' ? callback : callback.toString(),
          'http://callback.invalid',
        ).searchParams;
  const state = params.get('state') ?? '';
  if (!options.expectedState || !sameText(state, options.expectedState)) {
    throw new LinkError(
      'STATE_MISMATCH',
      'The Link callback carries another state than the one this session started: ignore it and start Link again.',
    );
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description') ?? undefined;
    const message =
      error === 'access_denied'
        ? 'The customer cancelled the connection. Offer to try again.'
        : `Makini Link failed with ${error}${description ? `: ${description}` : ''}.`;
    throw new LinkError(toLinkErrorCode(error), message, description);
  }
  const code = params.get('code');
  if (!code)
    throw new LinkError('MISSING_CODE', 'The Link callback has neither a code nor an error.');
  return { code, state };
}
