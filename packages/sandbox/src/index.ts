export type { FaultKind, FaultRule, FaultRuleInput } from './behaviours/FaultInjector.js';
export type { RequestLogEntry } from './behaviours/RequestLog.js';
export {
  fieldMappingOf,
  type LineField,
  type OrderField,
  PLATFORMS,
  type PlatformDefinition,
} from './data/platforms.js';
export {
  DEFAULT_CLIENT,
  type SandboxAssumptions,
  type SandboxClientOptions,
  type SandboxOptions,
} from './options.js';
export { ADMIN_PREFIX } from './routes/adminRoutes.js';
export { type AdminConnection, SandboxAdmin } from './SandboxAdmin.js';
export { SandboxOptionsError, SandboxOptionsErrorCode } from './SandboxOptionsError.js';
export type { AccountCredentials } from './SandboxState.js';
export { type Sandbox, startSandbox } from './startSandbox.js';
export type { SandboxStats } from './state/GrantStats.js';
export type { SandboxSync, SandboxSyncOutcome } from './state/SyncRunner.js';
export {
  generateWebhookSecret,
  legacyWebhookHeaders,
  standardWebhookHeaders,
} from './webhooks/sign.js';
export type {
  DeliveryAttempt,
  SentEvent,
  WebhookEndpoint,
  WebhookEndpointOptions,
} from './webhooks/WebhookSender.js';
