/**
 * Webhook verification, deduplication and handler adapters.
 *
 * In Node this entry signs and verifies with `node:crypto` and adds what only Node has:
 * `safeVerifyWebhook`, `safeVerifyWebhookSignature`, `toNodeHandler` and `toExpressMiddleware`.
 * Under the `workerd`, `worker`, `edge-light`, `browser` and `deno` conditions the same import
 * resolves to a WebCrypto build with everything else, the same names and types.
 *
 * @module @makini-kit/webhook-node
 */
// Node entry: HMAC with node:crypto, the synchronous safe verifiers it allows, and the Node http and
// Express adapters.
import { nodeHmac } from './crypto/nodeHmac.js';
import { createHandlerFactory } from './handler/createHandlerFactory.js';
import { createSafeVerifier } from './verify/createSafeVerifier.js';
import { createSigner } from './verify/createSigner.js';
import { createVerifier } from './verify/createVerifier.js';

export { toExpressMiddleware } from './adapters/toExpressMiddleware.js';
export { toNodeHandler } from './adapters/toNodeHandler.js';
export * from './shared.js';

const verifier = createVerifier(nodeHmac);
export const { verifyWebhook, verifyWebhookSignature } = verifier;
export const { safeVerifyWebhook, safeVerifyWebhookSignature } = createSafeVerifier(verifier);
export const { signWebhook, createTestWebhook } = createSigner(nodeHmac);
export const createWebhookHandler = createHandlerFactory(verifier);
