import { codeOf } from './codeOf.js';
import type { Telemetry, TelemetryAttributes, TelemetrySpan } from './Telemetry.js';

/**
 * Runs `work` in an INTERNAL span (active, so spans started inside are its children) and ends it
 * with the outcome: a failure records only its code. Without telemetry, or when the span is not
 * recording, `work` runs as it is and gets no span.
 */
export async function inSpan<T>(
  telemetry: Telemetry | undefined,
  name: string,
  attributes: TelemetryAttributes,
  work: (span: TelemetrySpan | undefined) => Promise<T>,
): Promise<T> {
  if (!telemetry) return work(undefined);
  const span = telemetry.startSpan(name, { attributes });
  if (!span.recording) {
    span.end();
    return work(undefined);
  }
  try {
    const value = await telemetry.withSpan(span, () => work(span));
    span.end();
    return value;
  } catch (error) {
    span.fail(codeOf(error));
    span.end();
    throw error;
  }
}
