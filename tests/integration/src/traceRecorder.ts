import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * A tracer provider registered globally, as an application registers its SDK, that keeps every
 * finished span in memory. `stop()` unregisters it.
 */
export function startTraceRecorder() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  return {
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    named: (name: string) => exporter.getFinishedSpans().filter((span) => span.name === name),
    childrenOf: (parent: ReadableSpan) =>
      exporter
        .getFinishedSpans()
        .filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId),
    reset: () => exporter.reset(),
    stop: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
    },
  };
}

/** Every string an attribute, an event's attribute, a status or a name of these spans holds. */
export function recordedStrings(spans: readonly ReadableSpan[]): string[] {
  const values: string[] = [];
  const add = (attributes: Record<string, unknown> | undefined) => {
    for (const [name, value] of Object.entries(attributes ?? {})) values.push(name, String(value));
  };
  for (const span of spans) {
    values.push(span.name, span.status.message ?? '');
    add(span.attributes);
    for (const event of span.events) {
      values.push(event.name);
      add(event.attributes);
    }
  }
  return values;
}
