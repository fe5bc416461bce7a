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

/** Where `openTelemetry()` writes spans. */
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
  readonly recording = true;
  readonly traceId: string;
  readonly span: Span;
  readonly #parent: Context;
  #context: Context | undefined;

  constructor(span: Span, parent: Context) {
    this.span = span;
    this.#parent = parent;
    this.traceId = span.spanContext().traceId;
  }

  /** The context with this span active, where its children start: made only when one does. */
  get context(): Context {
    this.#context ??= trace.setSpan(this.#parent, this.span);
    return this.#context;
  }

  setAttributes(attributes: TelemetryAttributes): void {
    this.span.setAttributes(defined(attributes));
  }

  addEvent(name: string, attributes?: TelemetryAttributes): void {
    this.span.addEvent(name, attributes && defined(attributes));
  }

  fail(code: string): void {
    this.span.setAttribute('error.type', code);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  }

  end(): void {
    this.span.end();
  }
}

/** Every span that nothing records (no SDK registered, or sampled out). */
const NOT_RECORDING: TelemetrySpan = Object.freeze({
  recording: false,
  traceId: undefined,
  setAttributes: () => undefined,
  addEvent: () => undefined,
  fail: () => undefined,
  end: () => undefined,
});

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
      // One shared stand-in for every span nothing records: the no-op case allocates no wrapper.
      return span.isRecording() ? new OpenTelemetrySpan(span, parent) : NOT_RECORDING;
    },
    withSpan<T>(span: TelemetrySpan, work: () => T): T {
      return span instanceof OpenTelemetrySpan ? context.with(span.context, work) : work();
    },
  };
}
