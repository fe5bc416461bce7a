import type { ResolvedOptions } from '../options.js';

/** Writes `expires_in` the way the sandbox is configured to: OAuth seconds, or Makini's epoch forms. */
export function expiresInValue(options: ResolvedOptions, expiresAt: number): number | string {
  switch (options.expiresInFormat) {
    case 'epoch':
      return Math.floor(expiresAt / 1000);
    case 'epoch-string':
      return String(Math.floor(expiresAt / 1000));
    default:
      return Math.max(0, Math.round((expiresAt - options.now()) / 1000));
  }
}
