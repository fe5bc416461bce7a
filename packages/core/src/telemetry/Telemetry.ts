/** A value a span attribute may hold; `undefined` leaves the attribute out. */
export type TelemetryAttributeValue = string | number | boolean;

/** Span attributes by name; entries that are `undefined` are left out. */
export type TelemetryAttributes = Record<string, TelemetryAttributeValue | undefined>;

/** What a span describes, as OpenTelemetry's `SpanKind` names it. */
export const TelemetrySpanKind = {
  /** Work inside the process: a logical API call, a token refresh, a webhook's handling. */
  INTERNAL: 'internal',
  /** One HTTP request to Makini (an attempt). */
  CLIENT: 'client',
} as const;
export type TelemetrySpanKind = (typeof TelemetrySpanKind)[keyof typeof TelemetrySpanKind];

/** How a span starts. */
export interface TelemetrySpanOptions {
  /** What the span describes. @default 'internal' */
  kind?: TelemetrySpanKind | undefined;
  /** Attributes to start with. */
  attributes?: TelemetryAttributes | undefined;
  /** The span this one belongs to. @default the active span (the caller's context) */
  parent?: TelemetrySpan | undefined;
}

/** One span, as the kit writes it. */
export interface TelemetrySpan {
  /**
   * False when nothing records it (no SDK registered, or sampled out): the kit then skips the work
   * of describing it, which is what keeps the cost of an unregistered API near zero.
   */
  readonly recording: boolean;
  /** The trace this span belongs to, when it is recording. */
  readonly traceId: string | undefined;
  /** Sets attributes; `undefined` values are left out. */
  setAttributes(attributes: TelemetryAttributes): void;
  /** Records a point in time on the span (a retry wait, a rate-limiter wait). */
  addEvent(name: string, attributes?: TelemetryAttributes): void;
  /**
   * Marks the span failed: status `ERROR` with `code` as its description, and `error.type`. Only
   * the code is recorded, never an error's message or stack, which may quote what was sent.
   */
  fail(code: string): void;
  /** Ends the span; nothing is recorded on it after. */
  end(): void;
}

/**
 * Where the kit writes its traces. `openTelemetry()` from `@makini-kit/core/opentelemetry` makes
 * one on `@opentelemetry/api`; the kit itself never imports it, so the API stays an optional peer
 * and the main entry bundles without it.
 *
 * @example
 * import { openTelemetry } from '@makini-kit/core/opentelemetry';
 * const client = new MakiniClient({ token, telemetry: openTelemetry() });
 */
export interface Telemetry {
  /** Starts a span, a child of `options.parent` or of the active span. */
  startSpan(name: string, options?: TelemetrySpanOptions): TelemetrySpan;
  /** Runs `work` with `span` active, so spans started inside it (a token refresh) are its children. */
  withSpan<T>(span: TelemetrySpan, work: () => T): T;
}
