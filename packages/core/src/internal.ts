/**
 * Helpers the kit's own packages share (`@makini-kit/react` runs the browser Link flow's steps
 * with them). Not part of the public API: semver does not cover them, and any release may change
 * them.
 *
 * @module internal
 */
export { confirmExchange } from './linkFlow/confirmHealth.js';
export { checkTimings, DEFAULT_CONFIRM_TIMEOUT_MS } from './linkFlow/LinkFlowOptions.js';
export { isLinkCallbackMessage, PENDING_LINK_KEY } from './linkFlow/linkMessages.js';
export { type ReturnedLink, tagPendingLink, takeReturnedLink } from './linkFlow/linkReturn.js';
