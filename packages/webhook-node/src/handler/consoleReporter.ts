import { WebhookVerificationError } from '../verify/WebhookVerificationError.js';
import type { WebhookHandlerOptions } from './createHandlerFactory.js';

const QUIET_MS = 60_000;

/**
 * The handler's default `onError`: console.error for every failure of your handler or the dedupe
 * store; console.warn for refusals, but at most one line per refusal code a minute, which counts
 * the ones it stood for. A flood of forged requests must not become a flood of log lines.
 */
export function consoleReporter(
  clock: () => number = Date.now,
): NonNullable<WebhookHandlerOptions['onError']> {
  const lastByCode = new Map<string, { at: number; quieted: number }>();
  return (error, context) => {
    if (context.stage !== 'verify') {
      console.error(
        `[makini webhook] ${context.stage} failed for ${context.webhookId ?? 'unknown id'}:`,
        error,
      );
      return;
    }
    const code = WebhookVerificationError.is(error) ? error.code : 'UNKNOWN';
    const now = clock();
    const last = lastByCode.get(code);
    if (last && now - last.at < QUIET_MS) {
      last.quieted++;
      return;
    }
    lastByCode.set(code, { at: now, quieted: 0 });
    const more = last?.quieted ? ` (and ${last.quieted} more since the last report)` : '';
    console.warn(`[makini webhook] refused: ${(error as Error).message}${more}`);
  };
}
