import type { Telemetry, WebhookEvent } from '@makini-kit/core';

/** A failure's code when it has one, else its class name: never its message. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'Error';
}

/**
 * A `webhook.handle` span around your handler, active while it runs so your own spans nest in it:
 * the event's type and id, and the error's code when the handler throws.
 */
export async function traceHandler(
  telemetry: Telemetry | undefined,
  event: WebhookEvent | Record<string, unknown>,
  run: () => Promise<void>,
): Promise<void> {
  if (!telemetry) return run();
  const span = telemetry.startSpan('webhook.handle', {
    attributes: {
      'makini.webhook.type': typeof event.type === 'string' ? event.type : undefined,
      'makini.webhook.id': typeof event.id === 'string' ? event.id : undefined,
    },
  });
  if (!span.recording) {
    span.end();
    return run();
  }
  try {
    await telemetry.withSpan(span, run);
  } catch (error) {
    span.fail(codeOf(error));
    throw error;
  } finally {
    span.end();
  }
}
