import type { IncomingMessage } from 'node:http';
import type { SandboxState } from '../SandboxState.js';
import type { SandboxConnection } from '../state/ConnectionRegistry.js';
import type { TokenSubject } from '../state/TokenStore.js';
import { ApiError } from './ApiError.js';
import { readBody } from './readBody.js';

/** One request as routes see it. */
export class RequestContext {
  /** Headers every response to this request carries (request id, rate-limit state). */
  readonly responseHeaders: Record<string, string>;
  connectionKey?: string;

  constructor(
    readonly request: IncomingMessage,
    readonly url: URL,
    readonly params: Record<string, string>,
    readonly state: SandboxState,
    readonly requestId: string,
  ) {
    this.responseHeaders = { 'x-request-id': requestId };
  }

  get query(): URLSearchParams {
    return this.url.searchParams;
  }

  body(): Promise<Buffer> {
    return readBody(this.request, this.state.options.maxBodyBytes);
  }

  /**
   * The bearer token's subject, after the connection checks and the rate limit. A connection whose
   * credentials broke answers 401 `REAUTHORIZATION_REQUIRED`, except where `allowBrokenCredentials`
   * lets a status endpoint report it.
   */
  authenticate(options: { allowBrokenCredentials?: boolean } = {}): TokenSubject {
    const header = this.request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw unauthorized('Send the token as "Authorization: Bearer <token>".');
    }
    const found = this.state.tokens.lookupAccess(match[1]);
    if ('problem' in found) {
      const why = {
        unknown: 'The token is not recognized.',
        expired: 'The token has expired; refresh it or run Link again.',
        revoked:
          'The token was revoked: a refresh token or code of the same authorization was used twice. ' +
          'Get a new one (Link, or POST /api/system/connections/{id}/token).',
      }[found.problem];
      throw unauthorized(why);
    }
    const subject = found.subject;
    if (subject.kind === 'connection') {
      this.connectionKey = subject.connectionKey;
      const connection = this.state.connection(subject.connectionKey);
      if (!connection) throw unauthorized('The connection of this token was deleted.');
      if (connection.needsReauthorization && !options.allowBrokenCredentials) {
        throw new ApiError(
          401,
          'REAUTHORIZATION_REQUIRED',
          `The ${connection.platform.name} credentials of connection ${connection.key} stopped working. ` +
            'The customer must reconnect through Makini Link.',
          {
            connectionId: connection.key,
            headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
          },
        );
      }
      if (subject.generation < connection.generation) {
        throw unauthorized(
          'The token was replaced when the connection was reauthorized; use the newest token.',
        );
      }
    }
    this.applyRateLimit(
      subject.kind === 'connection' ? subject.connectionKey : `client:${subject.clientId}`,
    );
    return subject;
  }

  /** A connection token's connection (data endpoints). */
  requireConnection(): SandboxConnection {
    const subject = this.authenticate();
    if (subject.kind !== 'connection') {
      throw new ApiError(
        403,
        'FORBIDDEN',
        "This endpoint reads one connection's data: call it with that connection's token " +
          '(from Link, or POST /api/system/connections/{id}/token).',
      );
    }
    return this.state.connection(subject.connectionKey) as SandboxConnection;
  }

  /** A client token (system endpoints). */
  requireClient(): string {
    const subject = this.authenticate();
    if (subject.kind !== 'client') {
      throw new ApiError(
        403,
        'FORBIDDEN',
        'System endpoints need a client token: POST /link/token with grant_type=client_credentials.',
      );
    }
    return subject.clientId;
  }

  private applyRateLimit(subject: string) {
    const limiter = this.state.limiter;
    if (!limiter.enabled) return;
    const decision = limiter.take(subject);
    const now = this.state.options.now();
    if (this.state.options.assumptions.rateLimitHeaders) {
      this.responseHeaders['x-ratelimit-limit'] = String(decision.limit);
      this.responseHeaders['x-ratelimit-remaining'] = String(decision.remaining);
      this.responseHeaders['x-ratelimit-reset'] = String(Math.ceil(decision.resetAt / 1000));
    }
    if (!decision.allowed) {
      const retryAfter = Math.max(1, Math.ceil((decision.resetAt - now) / 1000));
      throw new ApiError(
        429,
        'RATE_LIMIT_EXCEEDED',
        `Rate limit of ${decision.limit} requests per ${limiter.settings.windowMs / 1000} s exceeded; retry after ${retryAfter} s.`,
        { headers: { 'retry-after': String(retryAfter) } },
      );
    }
  }
}

const unauthorized = (message: string) =>
  new ApiError(401, 'AUTHENTICATION_FAILED', message, {
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });
