import { randomToken } from './randomToken.js';

/** Who a bearer token speaks for: a client (system endpoints) or one connection (data endpoints). */
export type TokenSubject =
  | { kind: 'client'; clientId: string }
  | { kind: 'connection'; clientId: string; connectionKey: string; generation: number };

export type ConnectionSubject = Extract<TokenSubject, { kind: 'connection' }>;

/** The subject of a token for a connection at its current generation. */
export function connectionSubject(
  clientId: string,
  connection: { key: string; generation: number },
): ConnectionSubject {
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
  /** The authorization it descends from; client tokens belong to none. */
  family?: string;
}

interface RefreshToken {
  subject: ConnectionSubject;
  expiresAt: number;
  family: string;
  /** When it was first exchanged; a later use is a replay. */
  usedAt?: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  connectionKey: string;
  generation: number;
  expiresAt: number;
  used: boolean;
  /** The family its exchange started, revoked if the code is replayed (RFC 6749 §4.1.2). */
  family?: string;
}

/** A refresh token accepted (`grace`: a replay within the grace period), or why not. */
export type RefreshUse =
  | { subject: ConnectionSubject; family: string; grace: boolean }
  | { problem: string; reuse?: true };

/** What a state file keeps; files written before token families lack `families`. */
export interface SavedTokens {
  access: [string, AccessToken & { revoked?: boolean }][];
  refresh: [
    string,
    Omit<RefreshToken, 'family'> & { family?: string; used?: boolean; accessToken?: string },
  ][];
  revokedFamilies?: string[];
}

const opaque = (prefix: string) => `${prefix}_${randomToken(24)}`;

const REVOKED_FAMILY =
  'The refresh token was revoked: a refresh token of the same authorization was used twice, ' +
  'so every token of it was revoked. Get new ones (Link, or POST /api/system/connections/{id}/token).';

/**
 * Access tokens, refresh tokens and authorization codes, all opaque random strings. Every token of
 * a connection belongs to a family: the pair one authorization issued (a code exchange, a created
 * connection, a connection token) and every pair refreshed from it. A refresh token used twice
 * revokes its family, as OAuth servers that rotate refresh tokens do (RFC 6819 §5.2.2.3); revoking
 * marks the family, so it costs the same however many tokens the sandbox holds.
 */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly revokedFamilies = new Set<string>();
  /** Family ids are not secrets: a counter, under a prefix no restored file can hold already. */
  private readonly familyPrefix = `fam_${randomToken(6)}_`;
  private families = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttl: {
      codeMs: number;
      accessMs: number;
      refreshMs: number;
      /** A replay this soon after the first use is answered, not punished. */
      reuseGraceMs: number;
    },
  ) {}

  /** A new access token; a connection's token starts a family unless it joins `family`. */
  issueAccess(subject: TokenSubject, family?: string): { token: string; expiresAt: number } {
    const token = opaque('sbx_at');
    const expiresAt = this.now() + this.ttl.accessMs;
    const inFamily = subject.kind === 'connection' ? (family ?? this.newFamily()) : undefined;
    this.access.set(token, { subject, expiresAt, ...(inFamily ? { family: inFamily } : {}) });
    return { token, expiresAt };
  }

  /** A new access/refresh pair, in `family` or starting one. */
  issuePair(subject: ConnectionSubject, family = this.newFamily()) {
    const access = this.issueAccess(subject, family);
    const refreshToken = opaque('sbx_rt');
    this.refresh.set(refreshToken, {
      subject,
      expiresAt: this.now() + this.ttl.refreshMs,
      family,
    });
    return { accessToken: access.token, refreshToken, expiresAt: access.expiresAt, family };
  }

  private newFamily(): string {
    return `${this.familyPrefix}${++this.families}`;
  }

  /** The subject of a live access token, or why it is not live. */
  lookupAccess(
    token: string,
  ): { subject: TokenSubject } | { problem: 'unknown' | 'expired' | 'revoked' } {
    const entry = this.access.get(token);
    if (!entry) return { problem: 'unknown' };
    if (entry.family !== undefined && this.revokedFamilies.has(entry.family))
      return { problem: 'revoked' };
    if (entry.expiresAt <= this.now()) return { problem: 'expired' };
    return { subject: entry.subject };
  }

  /**
   * Uses a refresh token of `clientId` once. A replay within the grace period is accepted again
   * (`grace: true`); any other replay revokes the token's family (`reuse: true`). Another client's
   * token is refused without being used up.
   */
  consumeRefresh(token: string, clientId: string): RefreshUse {
    const entry = this.refresh.get(token);
    if (!entry) return { problem: 'The refresh token is not recognized.' };
    if (entry.subject.clientId !== clientId)
      return { problem: 'The refresh token belongs to another client.' };
    if (this.revokedFamilies.has(entry.family)) return { problem: REVOKED_FAMILY };
    const now = this.now();
    if (entry.usedAt !== undefined) {
      if (now - entry.usedAt < this.ttl.reuseGraceMs)
        return { subject: entry.subject, family: entry.family, grace: true };
      this.revokedFamilies.add(entry.family);
      return {
        problem:
          'The refresh token was already used; refresh tokens rotate on every use, and a reused one ' +
          'revokes every token of its authorization. Run Link again.',
        reuse: true,
      };
    }
    if (entry.expiresAt <= now)
      return { problem: 'The refresh token has expired; run Link again.' };
    entry.usedAt = now;
    return { subject: entry.subject, family: entry.family, grace: false };
  }

  issueCode(input: Omit<AuthorizationCode, 'expiresAt' | 'used' | 'family'>): string {
    const code = opaque('sbx_code');
    this.codes.set(code, { ...input, expiresAt: this.now() + this.ttl.codeMs, used: false });
    return code;
  }

  /** Uses an authorization code once; a replay revokes the family its first use started. */
  consumeCode(code: string): AuthorizationCode | { problem: string } {
    const entry = this.codes.get(code);
    if (!entry) return { problem: 'The authorization code is not recognized.' };
    if (entry.used) {
      if (entry.family !== undefined) this.revokedFamilies.add(entry.family);
      return { problem: 'The authorization code was already used; codes are single-use.' };
    }
    if (entry.expiresAt <= this.now())
      return { problem: 'The authorization code has expired; run Link again.' };
    entry.used = true;
    return entry;
  }

  /** Live tokens, for a state file (codes are short-lived and not kept). */
  snapshot(): SavedTokens {
    return {
      access: [...this.access],
      refresh: [...this.refresh],
      revokedFamilies: [...this.revokedFamilies],
    };
  }

  restore(saved: SavedTokens) {
    for (const family of saved.revokedFamilies ?? []) this.revokedFamilies.add(family);
    for (const [token, { revoked, ...entry }] of saved.access) {
      // Older files kept a revoked flag per token, and no family: each token becomes its own.
      const family =
        entry.family ?? (entry.subject.kind === 'connection' ? `legacy:${token}` : undefined);
      if (revoked && family) this.revokedFamilies.add(family);
      this.access.set(token, { ...entry, ...(family ? { family } : {}) });
    }
    for (const [token, { used, accessToken, ...entry }] of saved.refresh) {
      this.refresh.set(token, {
        ...entry,
        family: entry.family ?? `legacy:${accessToken ?? token}`,
        ...(used && entry.usedAt === undefined ? { usedAt: 0 } : {}),
      });
    }
  }

  clear() {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
    this.revokedFamilies.clear();
  }
}
