import { dedupeStoreProblem } from '../dedupe/checkClaim.js';
import { checkWindow } from '../verify/checkWindow.js';
import { DEFAULT_TOLERANCE_SECONDS } from '../verify/defaultTolerance.js';
import { secretKeys } from '../verify/secrets.js';
import { WebhookRefusal } from '../verify/WebhookRefusal.js';
import {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../verify/WebhookVerificationError.js';
import type { WebhookHandlerOptions } from './createHandlerFactory.js';
import { type NumericOption, numericOptionProblem, OPTION_BOUNDS } from './optionBounds.js';

/**
 * Refusals that mean this endpoint is set up wrong, not that the request is: answered 500, so the
 * sender retries once the setup is fixed. A 400 would tell it to stop, and the event would be lost.
 */
const SETUP_MISTAKES: ReadonlySet<WebhookVerificationErrorCode> = new Set([
  'PAYLOAD_NOT_RAW',
  'INVALID_SECRET',
  'INVALID_OPTIONS',
] as const);

export const isSetupMistake = (code: WebhookVerificationErrorCode) => SETUP_MISTAKES.has(code);

/** Thrown where the handler is made, with a stack that points at that call. */
const mistake = (code: WebhookVerificationErrorCode, message: string) =>
  new WebhookVerificationError(code, message);

/**
 * Checks at construction what would otherwise refuse every delivery, or accept replays, at run
 * time: the secrets, the window, the scheme, the numeric options (a NaN among them turns a limit
 * off or makes an event run again), and for the legacy scheme the dedupe store.
 *
 * @throws {WebhookVerificationError} `INVALID_SECRET` or `INVALID_OPTIONS`, saying what to fix
 */
export function checkHandlerOptions(options: WebhookHandlerOptions): void {
  const { scheme = 'standard' } = options;
  if (scheme !== 'standard' && scheme !== 'legacy') {
    throw mistake(
      'INVALID_OPTIONS',
      `scheme is ${JSON.stringify(scheme)}: pass 'standard' (Standard Webhooks headers, the default) or 'legacy' (x-makini-signature).`,
    );
  }
  const keys = secretKeys(options.secret, scheme);
  if (keys instanceof WebhookRefusal) throw mistake(keys.code, keys.message);
  const window = checkWindow({ toleranceSeconds: options.toleranceSeconds });
  if (window) throw mistake(window.code, window.message);
  for (const name of Object.keys(OPTION_BOUNDS) as NumericOption[]) {
    if (options[name] === undefined) continue;
    const problem = numericOptionProblem(name, options[name]);
    if (problem) throw mistake('INVALID_OPTIONS', problem);
  }
  const storeProblem =
    options.dedupe === undefined ? undefined : dedupeStoreProblem(options.dedupe);
  if (storeProblem) throw mistake('INVALID_OPTIONS', storeProblem);
  if (scheme !== 'legacy') return;
  // The legacy signature dates nothing but the body's created_at: inside the window, only a store
  // of seen ids stops a captured delivery from being run again.
  if (!options.dedupe) {
    throw mistake(
      'INVALID_OPTIONS',
      'The legacy scheme needs a dedupe store: its signature covers the body only, so a captured delivery verifies again until its created_at leaves the window. Pass dedupe: new MemoryDedupeStore() (one instance) or a RedisDedupeStore (several).',
    );
  }
  const toleranceMs = (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS.legacy) * 1000;
  const dedupeTtlMs = options.dedupeTtlMs ?? OPTION_BOUNDS.dedupeTtlMs.default;
  if (dedupeTtlMs < toleranceMs) {
    throw mistake(
      'INVALID_OPTIONS',
      `dedupeTtlMs (${dedupeTtlMs}) is shorter than the window (toleranceSeconds × 1000 = ${toleranceMs}): a replay after the id is forgotten but inside the window would run again. Raise dedupeTtlMs or lower toleranceSeconds.`,
    );
  }
}
