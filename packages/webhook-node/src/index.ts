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
