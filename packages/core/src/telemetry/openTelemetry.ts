import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type {
  Telemetry,
  TelemetryAttributes,
  TelemetrySpan,
  TelemetrySpanOptions,
} from './Telemetry.js';

export interface OpenTelemetryOptions {
  /** The tracer to write to. @default `tracerProvider.getTracer('@makini-kit/core')` */
  tracer?: Tracer | undefined;
  /** Where to get the tracer. @default the global provider (`trace.getTracerProvider()`) */
  tracerProvider?: TracerProvider | undefined;
}

const KIND = { internal: SpanKind.INTERNAL, client: SpanKind.CLIENT } as const;

/** OpenTelemetry takes no `undefined` values: they are left out here. */
function defined(attributes: TelemetryAttributes): Attributes {
  const kept: Attributes = {};
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

class OpenTelemetrySpan implements TelemetrySpan {
  readonly recording: boolean;
  readonly traceId: string | undefined;
  readonly span: Span;
  /** The context with this span active: where its children start. */
  readonly context: Context;

  constructor(span: Span, parent: Context) {
    this.span = span;
    this.recording = span.isRecording();
    this.traceId = this.recording ? span.spanContext().traceId : undefined;
    this.context = trace.setSpan(parent, span);
  }

  setAttributes(attributes: TelemetryAttributes): void {
    if (this.recording) this.span.setAttributes(defined(attributes));
  }

  addEvent(name: string, attributes?: TelemetryAttributes): void {
    if (this.recording) this.span.addEvent(name, attributes && defined(attributes));
  }

  fail(code: string): void {
    if (!this.recording) return;
    this.span.setAttribute('error.type', code);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  }

  end(): void {
    this.span.end();
  }
}

/**
 * The kit's spans on `@opentelemetry/api` (an optional peer dependency: install it to use this
 * entry). Pass the result as `telemetry` to `MakiniClient`, `TokenManager`, `verifyWebhook` and
 * `createWebhookHandler`. With the API but no SDK registered, every span is a no-op and the kit
 * skips describing it.
 *
 * @example
 * import { openTelemetry } from '@makini-kit/core/opentelemetry';
 * const telemetry = openTelemetry();
 * const client = new MakiniClient({ token, connectionKey, telemetry });
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Telemetry {
  const tracer =
    options.tracer ??
    (options.tracerProvider ?? trace.getTracerProvider()).getTracer('@makini-kit/core');
  return {
    startSpan(name: string, spanOptions: TelemetrySpanOptions = {}): TelemetrySpan {
      const parent =
        spanOptions.parent instanceof OpenTelemetrySpan
          ? spanOptions.parent.context
          : context.active();
      const span = tracer.startSpan(
        name,
        {
          kind: KIND[spanOptions.kind ?? 'internal'],
          ...(spanOptions.attributes ? { attributes: defined(spanOptions.attributes) } : {}),
        },
        parent,
      );
      return new OpenTelemetrySpan(span, parent);
    },
    withSpan<T>(span: TelemetrySpan, work: () => T): T {
      return span instanceof OpenTelemetrySpan ? context.with(span.context, work) : work();
    },
  };
}
