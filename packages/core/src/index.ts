/**
 * Models, exact decimals, typed errors, the API client, Makini Link OAuth and its browser flow,
 * connection health and the shared-state interfaces. Isomorphic: browsers, Node 20+ and edge
 * runtimes (the browser flow touches `window` only when called).
 *
 * @module @makini-kit/core
 * @mergeModuleWith <project>
 */
export {
  type BackoffOptions,
  backoffDelay,
  parseRetryAfter,
  retryDelay,
} from './client/backoff.js';
export type { ClientHooks } from './client/ClientHooks.js';
export {
  type AcquireOptions,
  ClientRateLimiter,
  type RateLimitOptions,
} from './client/ClientRateLimiter.js';
export { MakiniClient, type MakiniClientOptions } from './client/MakiniClient.js';
export type { OperationDescriptor } from './client/OperationDescriptor.js';
export type {
  FieldsOf,
  Filter,
  FilterCondition,
  FilterOperator,
  FilterValue,
  InvalidRecord,
  InvalidRecordEvent,
  ListParams,
  ObjectRequestOptions,
  RecordIssue,
  RecordOptions,
  Sort,
  WriteOptions,
} from './client/operations/index.js';
export { invalidRecordOf } from './client/operations/index.js';
export { PagePromise } from './client/PagePromise.js';
export type { ParseContext, RequestInput, RequestOptions } from './client/RequestInput.js';
export { RequestLog, type RequestLogEntry } from './client/RequestLog.js';
export { subCollection } from './client/subCollection.js';
export type { GetTokenOptions } from './client/TransportOptions.js';
export {
  addDecimal,
  compareDecimal,
  type Decimal,
  type DecimalInput,
  formatDecimal,
  isDecimalString,
  multiplyDecimal,
  parseDecimal,
  roundDecimal,
  subtractDecimal,
} from './decimal/decimal.js';
export { ClientErrorCode } from './errors/ClientErrorCode.js';
export { ErrorCode, isErrorCode } from './errors/ErrorCode.js';
export { errorFromResponse } from './errors/errorFromResponse.js';
export { InvalidArgumentError } from './errors/InvalidArgumentError.js';
export type { InvalidFields } from './errors/invalidFields.js';
export { LinkErrorCode } from './errors/LinkErrorCode.js';
export {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ConnectionErrorCode,
  type ErrorContext,
  MakiniApiError,
  MakiniError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ReauthorizationRequiredError,
  ServerError,
  TimeoutError,
  ValidationError,
} from './errors/MakiniError.js';
export type { MakiniErrorCode } from './errors/MakiniErrorCode.js';
export { PageTooLargeError } from './errors/PageTooLargeError.js';
export { PaginationError } from './errors/PaginationError.js';
export { ResponseTooLargeError } from './errors/ResponseTooLargeError.js';
export { StateStoreError } from './errors/StateStoreError.js';
export { TokenDecryptionError } from './errors/TokenDecryptionError.js';
export * from './generated/index.js';
export type {
  ConnectionHealth,
  HealthSnapshot,
  HealthSource,
  HealthTransition,
} from './health/ConnectionHealth.js';
export {
  ConnectionHealthMonitor,
  type ConnectionHealthMonitorOptions,
  type HealthAlert,
  type HealthAlertKind,
  stateFromStatus,
} from './health/ConnectionHealthMonitor.js';
export { createHealthHandler, type HealthHandlerOptions } from './health/createHealthHandler.js';
export {
  createRemoteHealthSource,
  type RemoteHealthSource,
  type RemoteHealthSourceOptions,
} from './health/createRemoteHealthSource.js';
export { MAX_HEALTH_CLOCK_SKEW_MS, MAX_HEALTH_TEXT_LENGTH } from './health/healthLimits.js';
export type {
  HealthSharingErrorContext,
  HealthSharingErrorHandler,
  HealthSharingOperation,
} from './health/healthSharingReporter.js';
export type { NodeHealthRequest, NodeHealthResponse } from './health/NodeHealthHttp.js';
export type { SyncInfo } from './health/SyncInfo.js';
export { type FetchHealthHandler, toNodeHealthHandler } from './health/toNodeHealthHandler.js';
export { completeLink, type LinkCompletion } from './linkFlow/completeLink.js';
export { ReconnectFailureCode } from './linkFlow/failureCodes.js';
export type {
  LinkCode,
  LinkFlowSettings,
  ReconnectCode,
  ReconnectEvent,
  ReconnectState,
} from './linkFlow/LinkFlowOptions.js';
export type { LinkSettings } from './linkFlow/LinkSettings.js';
export type { LinkWindow } from './linkFlow/LinkWindow.js';
export { returnFromLink } from './linkFlow/linkReturn.js';
export type {
  ConnectOutcome,
  ExchangeAnswer,
  ReconnectOutcome,
} from './linkFlow/ReconnectOutcome.js';
export {
  type LinkFlow,
  type LinkFlowInput,
  type LinkFlowOutcome,
  startLinkFlow,
} from './linkFlow/startLinkFlow.js';
export * from './models/index.js';
export {
  type AuthorizeUrlOptions,
  buildAuthorizeUrl,
  createState,
  MAKINI_LINK_URL,
  parseCallback,
} from './oauth/authorize.js';
export { LinkError } from './oauth/LinkError.js';
export {
  TokenCipher,
  type TokenCipherKey,
  type TokenCipherOptions,
} from './oauth/TokenCipher.js';
export { TokenManager, type TokenManagerOptions, type TokenSet } from './oauth/TokenManager.js';
export {
  clientCredentials,
  exchangeCode,
  refreshToken,
  type TokenEndpointOptions,
} from './oauth/tokenEndpoint.js';
export { ReconnectLinkError } from './reconnectLinks/ReconnectLinkError.js';
export { ReconnectLinkErrorCode } from './reconnectLinks/ReconnectLinkErrorCode.js';
export {
  type ReconnectLinkClaims,
  ReconnectLinks,
  type ReconnectLinksOptions,
} from './reconnectLinks/ReconnectLinks.js';
export type { HealthBus, HealthBusListener } from './state/HealthBus.js';
export type { Lease, Lock } from './state/Lock.js';
export { MemoryHealthBus, type MemoryHealthBusOptions } from './state/MemoryHealthBus.js';
export { MemoryLock, type MemoryLockOptions } from './state/MemoryLock.js';
export { MemoryPollLeases, type MemoryPollLeasesOptions } from './state/MemoryPollLeases.js';
export {
  MemoryRateLimitStore,
  type MemoryRateLimitStoreOptions,
} from './state/MemoryRateLimitStore.js';
export { MemoryTokenStore } from './state/MemoryTokenStore.js';
export { MemoryUsedLinks, type MemoryUsedLinksOptions } from './state/MemoryUsedLinks.js';
export type { PollLeases } from './state/PollLeases.js';
export type {
  RateLimitObservation,
  RateLimitPolicy,
  RateLimitStore,
  RateLimitTake,
} from './state/RateLimitStore.js';
export type { StoredTokens, TokenStore, TokenWrite } from './state/TokenStore.js';
export type { UsedLinkStore } from './state/UsedLinkStore.js';
export {
  type Telemetry,
  type TelemetryAttributes,
  type TelemetryAttributeValue,
  type TelemetrySpan,
  TelemetrySpanKind,
  type TelemetrySpanOptions,
} from './telemetry/Telemetry.js';
