// The `@makini-kit/core/opentelemetry` entry: the only module that imports `@opentelemetry/api`.
export {
  type OpenTelemetryOptions,
  openTelemetry,
} from './telemetry/openTelemetry.js';
export type {
  Telemetry,
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetrySpan,
  TelemetrySpanOptions,
} from './telemetry/Telemetry.js';
export { TelemetrySpanKind } from './telemetry/Telemetry.js';
