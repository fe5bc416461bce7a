// Everything that does not depend on the crypto implementation, exported by both entry points.
export {
  type FastifyLike,
  type FastifyReplyLike,
  fastifyWebhooks,
} from './adapters/fastifyWebhooks.js';
export { toFetchHandler } from './adapters/toFetchHandler.js';
export type { ClaimResult, DedupeStore } from './dedupe/DedupeStore.js';
export {
  MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
} from './dedupe/MemoryDedupeStore.js';
export {
  type NodeRedisLike,
  RedisDedupeStore,
  type RedisLike,
} from './dedupe/RedisDedupeStore.js';
export type {
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookHandlers,
  WebhookResult,
} from './handler/createHandlerFactory.js';
export type { SignedWebhook, SignWebhookOptions } from './verify/createSigner.js';
export type { WebhookHeaders } from './verify/readHeader.js';
export type { WebhookSecret } from './verify/secrets.js';
export type {
  RawPayload,
  VerifyWebhookOptions,
  WebhookSignatureVerification,
  WebhookVerification,
} from './verify/VerifyWebhookOptions.js';
export type { WebhookRefusal } from './verify/WebhookRefusal.js';
export {
  WebhookVerificationError,
  WebhookVerificationErrorCode,
} from './verify/WebhookVerificationError.js';
