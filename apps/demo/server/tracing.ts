import { openTelemetry } from '@makini-kit/core/opentelemetry';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

/**
 * The demo's tracer provider: spans are recorded (so every request in the developer panel has a
 * trace id) but exported nowhere. An application registers its own SDK with an exporter instead
 * (`spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())]`) and passes
 * `openTelemetry()` the same way.
 */
const provider = new BasicTracerProvider();

/** What the demo's clients, token managers and token calls write their spans to. */
export const telemetry = openTelemetry({ tracerProvider: provider });
