/** The grant types `POST /link/token` answers. */
export const GrantType = {
  AUTHORIZATION_CODE: 'authorization_code',
  REFRESH_TOKEN: 'refresh_token',
  CLIENT_CREDENTIALS: 'client_credentials',
} as const;
export type GrantType = (typeof GrantType)[keyof typeof GrantType];

/**
 * What `POST /link/token` did since the start (or the last reset): what `GET /__sandbox/stats` and
 * `admin.stats()` answer. Tests and benchmarks read it to prove, say, that three replicas refreshed
 * an expired token exactly once and never reused a refresh token.
 */
export interface SandboxStats {
  /** Successful grants by type; a replay answered within the grace period counts as a refresh. */
  grants: {
    /** Link codes exchanged. */
    authorization_code: number;
    /** Refreshes answered. */
    refresh_token: number;
    /** Client-credentials tokens issued. */
    client_credentials: number;
  };
  /** Refresh tokens presented again after their first use (outside any grace period): each revoked its family. */
  refreshTokenReuse: number;
  /** Refresh tokens presented again within `refreshTokenReuseGraceMs`: answered, nothing revoked. */
  refreshTokenGraceReuse: number;
}

/** Counters behind {@link SandboxStats}. */
export class GrantStats {
  private counts = GrantStats.zero();

  private static zero(): SandboxStats {
    return {
      grants: { authorization_code: 0, refresh_token: 0, client_credentials: 0 },
      refreshTokenReuse: 0,
      refreshTokenGraceReuse: 0,
    };
  }

  granted(type: GrantType): void {
    this.counts.grants[type]++;
  }

  reuse(kind: 'revoked' | 'grace'): void {
    if (kind === 'grace') this.counts.refreshTokenGraceReuse++;
    else this.counts.refreshTokenReuse++;
  }

  /** A copy: callers may keep it while counting goes on. */
  snapshot(): SandboxStats {
    return { ...this.counts, grants: { ...this.counts.grants } };
  }

  reset(): void {
    this.counts = GrantStats.zero();
  }
}
