export { CHROMIUM_ARGS, chromiumLaunchOptions } from './chromium.js';
export { clientCredentialsToken, type LinkTarget, submitConsent } from './link.js';
export { listenOnLoopback } from './listenOnLoopback.js';
export { type RawResponse, rawRequest } from './rawRequest.js';
