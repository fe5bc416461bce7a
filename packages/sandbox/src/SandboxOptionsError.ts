/** Why {@link startSandbox} refused its options. */
export const SandboxOptionsErrorCode = {
  /** The sandbox would listen beyond loopback with an unguarded admin API. */
  ADMIN_TOKEN_REQUIRED: 'ADMIN_TOKEN_REQUIRED',
  /** `adminToken` is set but empty or not a string. */
  INVALID_ADMIN_TOKEN: 'INVALID_ADMIN_TOKEN',
  /** An `allowedHosts` entry is not a host name, optionally with a port. */
  INVALID_ALLOWED_HOST: 'INVALID_ALLOWED_HOST',
  /** `refreshTokenReuseGraceMs` is not a whole number of milliseconds from 0. */
  INVALID_REFRESH_TOKEN_REUSE_GRACE: 'INVALID_REFRESH_TOKEN_REUSE_GRACE',
  /** `syncDurationMs` is not a whole number of milliseconds from 0 to 2^31-1. */
  INVALID_SYNC_DURATION: 'INVALID_SYNC_DURATION',
} as const;
export type SandboxOptionsErrorCode =
  (typeof SandboxOptionsErrorCode)[keyof typeof SandboxOptionsErrorCode];

/**
 * Thrown (as a rejection of `startSandbox`) when options are unsafe or malformed; the message says
 * which option to change.
 *
 * @example
 * try {
 *   await startSandbox({ host: '0.0.0.0' });
 * } catch (error) {
 *   if (error instanceof SandboxOptionsError && error.code === 'ADMIN_TOKEN_REQUIRED') …
 * }
 */
export class SandboxOptionsError extends Error {
  /** `SandboxOptionsError`. */
  override readonly name = 'SandboxOptionsError';

  /**
   * `startSandbox` and the CLI make it for an option they refuse.
   *
   * @param code Which option is wrong.
   * @param message What is wrong with it and how to fix it, naming no secret.
   */
  constructor(
    /** Which option is wrong: match on it, never on the message. */
    readonly code: SandboxOptionsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
