import type { Telemetry, TelemetrySpan, WebhookEvent } from '@makini-kit/core';
import { WebhookRefusal } from '../verify/WebhookRefusal.js';

type MaybePromise<T> = T | Promise<T>;
type Outcome = { ok: true; event?: WebhookEvent } | WebhookRefusal;

/** The authentic event's type and id; nothing from the payload or headers beyond these two. */
function described(span: TelemetrySpan, outcome: Outcome): void {
  if (outcome instanceof WebhookRefusal) {
    span.fail(outcome.code);
    return;
  }
  const { event } = outcome;
  if (event) {
    span.setAttributes({
      'makini.webhook.type': event.type,
      'makini.webhook.id': typeof event.id === 'string' ? event.id : undefined,
    });
  }
}

/**
 * A `webhook.verify` span around one verification: the event type and id when it passed, the
 * refusal's code when not. Never the signature, the secret or the payload. Stays synchronous
 * while the verification is.
 */
export function traceVerification<Result extends Outcome>(
  telemetry: Telemetry,
  scheme: string,
  verify: () => MaybePromise<Result>,
): MaybePromise<Result> {
  const span = telemetry.startSpan('webhook.verify', {
    attributes: { 'makini.webhook.scheme': scheme },
  });
  if (!span.recording) {
    span.end();
    return verify();
  }
  const settle = (outcome: Result) => {
    described(span, outcome);
    span.end();
    return outcome;
  };
  const fail = (error: unknown): never => {
    span.fail(error instanceof Error ? error.name : 'Error');
    span.end();
    throw error;
  };
  try {
    const outcome = verify();
    return outcome instanceof Promise ? outcome.then(settle, fail) : settle(outcome);
  } catch (error) {
    return fail(error);
  }
}
