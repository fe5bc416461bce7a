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

export { type ExpressRequest, toExpressMiddleware } from './adapters/toExpressMiddleware.js';
export { toNodeHandler } from './adapters/toNodeHandler.js';
export * from './shared.js';

const verifier = createVerifier(nodeHmac);
const safeVerifier = createSafeVerifier(verifier);
const signer = createSigner(nodeHmac);
// One declaration each, marked `@function`: the API reference shows each as the function it is,
// with the doc comment written where it is made.
/** @function */
export const verifyWebhook = verifier.verifyWebhook;
/** @function */
export const verifyWebhookSignature = verifier.verifyWebhookSignature;
/** @function */
export const safeVerifyWebhook = safeVerifier.safeVerifyWebhook;
/** @function */
export const safeVerifyWebhookSignature = safeVerifier.safeVerifyWebhookSignature;
/** @function */
export const signWebhook = signer.signWebhook;
/** @function */
export const createTestWebhook = signer.createTestWebhook;
/** @function */
export const createWebhookHandler = createHandlerFactory(verifier);
