/**
 * The OpenTelemetry adapter: `openTelemetry()` turns `@opentelemetry/api` (an optional peer
 * dependency) into the `telemetry` option of `MakiniClient`, `TokenManager` and the webhook handler.
 * The only module that imports `@opentelemetry/api`.
 *
 * @module opentelemetry
 */
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
