// Edge, worker and browser entry: HMAC with WebCrypto; no node: imports.
import { webHmac } from './crypto/webHmac.js';
import { createHandlerFactory } from './handler/createHandlerFactory.js';
import { createSigner } from './verify/createSigner.js';
import { createVerifier } from './verify/createVerifier.js';

export * from './shared.js';

const verifier = createVerifier(webHmac);
export const { verifyWebhook, verifyWebhookSignature } = verifier;
export const { signWebhook, createTestWebhook } = createSigner(webHmac);
export const createWebhookHandler = createHandlerFactory(verifier);
