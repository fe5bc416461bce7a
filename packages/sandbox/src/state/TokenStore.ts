import { randomBytes } from 'node:crypto';

/** Who a bearer token speaks for: a client (system endpoints) or one connection (data endpoints). */
export type TokenSubject =
  | { kind: 'client'; clientId: string }
  | { kind: 'connection'; clientId: string; connectionKey: string; generation: number };

/** The subject of a token for a connection at its current generation. */
export function connectionSubject(
  clientId: string,
  connection: { key: string; generation: number },
): Extract<TokenSubject, { kind: 'connection' }> {
  return {
    kind: 'connection',
    clientId,
    connectionKey: connection.key,
    generation: connection.generation,
  };
}

interface AccessToken {
  subject: TokenSubject;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshToken {
  subject: Extract<TokenSubject, { kind: 'connection' }>;
  expiresAt: number;
  used: boolean;
  /** Access token issued with it, revoked if this refresh token is replayed. */
  accessToken: string;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  connectionKey: string;
  generation: number;
  expiresAt: number;
  used: boolean;
  /** Tokens issued for this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  issued: string[];
}

const opaque = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

/** Access tokens, refresh tokens and authorization codes, all opaque random strings. */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    private readonly now: () => number,
    private readonly ttl: { codeMs: number; accessMs: number; refreshMs: number },
  ) {}

  issueAccess(subject: TokenSubject): { token: string; expiresAt: number } {
    const token = opaque('sbx_at');
    const expiresAt = this.now() + this.ttl.accessMs;
    this.access.set(token, { subject, expiresAt, revoked: false });
    return { token, expiresAt };
  }

  issuePair(subject: Extract<TokenSubject, { kind: 'connection' }>) {
    const access = this.issueAccess(subject);
    const refreshToken = opaque('sbx_rt');
    this.refresh.set(refreshToken, {
      subject,
      expiresAt: this.now() + this.ttl.refreshMs,
      used: false,
      accessToken: access.token,
    });
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt };
  }

  /** The subject of a live access token, or why it is not live. */
  lookupAccess(
    token: string,
  ): { subject: TokenSubject } | { problem: 'unknown' | 'expired' | 'revoked' } {
    const entry = this.access.get(token);
    if (!entry) return { problem: 'unknown' };
    if (entry.revoked) return { problem: 'revoked' };
    if (entry.expiresAt <= this.now()) return { problem: 'expired' };
    return { subject: entry.subject };
  }

  /** Uses a refresh token once; a replay revokes what the first use issued. */
  consumeRefresh(token: string): RefreshToken | { problem: string } {
    const entry = this.refresh.get(token);
    if (!entry) return { problem: 'The refresh token is not recognized.' };
    if (entry.used) {
      this.revoke(entry.accessToken);
      return { problem: 'The refresh token was already used; refresh tokens rotate on every use.' };
    }
    if (entry.expiresAt <= this.now())
      return { problem: 'The refresh token has expired; run Link again.' };
    entry.used = true;
    return entry;
  }

  issueCode(input: Omit<AuthorizationCode, 'expiresAt' | 'used' | 'issued'>): string {
    const code = opaque('sbx_code');
    this.codes.set(code, {
      ...input,
      expiresAt: this.now() + this.ttl.codeMs,
      used: false,
      issued: [],
    });
    return code;
  }

  /** Uses an authorization code once; a replay revokes the tokens the first use issued. */
  consumeCode(code: string): AuthorizationCode | { problem: string } {
    const entry = this.codes.get(code);
    if (!entry) return { problem: 'The authorization code is not recognized.' };
    if (entry.used) {
      for (const token of entry.issued) this.revoke(token);
      return { problem: 'The authorization code was already used; codes are single-use.' };
    }
    if (entry.expiresAt <= this.now())
      return { problem: 'The authorization code has expired; run Link again.' };
    entry.used = true;
    return entry;
  }

  private revoke(token: string) {
    const entry = this.access.get(token);
    if (entry) entry.revoked = true;
  }

  /** Live tokens, for a state file (codes are short-lived and not kept). */
  snapshot() {
    return { access: [...this.access], refresh: [...this.refresh] };
  }

  restore(saved: ReturnType<TokenStore['snapshot']>) {
    for (const [token, entry] of saved.access) this.access.set(token, entry);
    for (const [token, entry] of saved.refresh) this.refresh.set(token, entry);
  }

  clear() {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
  }
}
