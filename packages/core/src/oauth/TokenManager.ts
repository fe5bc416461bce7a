import { ReauthorizationRequiredError } from '../errors/MakiniError.js';
import type { TokenResponse } from '../models/TokenResponse.js';

/** A stored token set; `expiresAt` is epoch ms or `null` when the server gave no expiry. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string | null | undefined;
  expiresAt: number | null;
}

export interface TokenManagerOptions {
  tokens: TokenSet;
  /** Gets a new pair, e.g. `(token) => refreshToken({ clientId, clientSecret, refreshToken: token })`. */
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  /** Persist the new pair (refresh tokens rotate: losing one loses the connection). */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /** Refresh this long before expiry. @default 300_000 */
  refreshMarginMs?: number;
  /** Which connection, for the error a failed refresh raises. */
  connectionKey?: string;
  now?: () => number;
}

/**
 * Keeps an access token fresh: refreshes before expiry, once for any number of concurrent callers
 * (single flight), and turns a refused refresh into `ReauthorizationRequiredError`.
 *
 * @example
 * const manager = new TokenManager({ tokens, refresh: (token) => refreshToken({ clientId, clientSecret, refreshToken: token }), onTokens: save });
 * const client = new MakiniClient({ getToken: manager.getToken });
 */
export class TokenManager {
  private tokens: TokenSet;
  private inFlight: Promise<string> | undefined;

  constructor(private readonly options: TokenManagerOptions) {
    this.tokens = { ...options.tokens };
  }

  /** The current token set (for persistence; never send it to a browser). */
  get current(): Readonly<TokenSet> {
    return this.tokens;
  }

  private get now() {
    return this.options.now?.() ?? Date.now();
  }

  private fresh(): boolean {
    const { expiresAt } = this.tokens;
    return expiresAt === null || expiresAt - (this.options.refreshMarginMs ?? 300_000) > this.now;
  }

  /** A usable access token; pass it to `MakiniClient` as `getToken`. */
  getToken = (): Promise<string> => {
    if (this.fresh() && !this.inFlight) return Promise.resolve(this.tokens.accessToken);
    return this.refreshNow();
  };

  /** Refreshes now (e.g. after a 401), sharing one request among concurrent callers. */
  refreshNow(): Promise<string> {
    this.inFlight ??= this.doRefresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async doRefresh(): Promise<string> {
    const refresh = this.tokens.refreshToken;
    if (!refresh) {
      throw new ReauthorizationRequiredError(
        401,
        'The access token expired and there is no refresh token: the customer must reconnect through Makini Link.',
        {
          connectionKey: this.options.connectionKey,
        },
      );
    }
    let response: TokenResponse;
    try {
      response = await this.options.refresh(refresh);
    } catch (error) {
      if (ReauthorizationRequiredError.is(error)) {
        throw new ReauthorizationRequiredError(error.status, error.message, {
          connectionKey: this.options.connectionKey ?? error.connectionKey,
          requestId: error.requestId,
          cause: error,
        });
      }
      throw error;
    }
    this.tokens = {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? refresh,
      expiresAt: response.expiresAt,
    };
    await this.options.onTokens?.(this.tokens);
    return this.tokens.accessToken;
  }
}
