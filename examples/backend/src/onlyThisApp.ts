import type { RequestHandler } from 'express';
import { config } from './config.js';
import { sendError } from './errors.js';

const app = new URL(config.appUrl);
const loopback = ['localhost', '127.0.0.1', '[::1]'].map((name) => `${name}:${config.port}`);
// Vite's dev server proxies /api with its own Host; deployed, APP_URL's host is the public name.
const hosts = new Set([...loopback, app.host]);
const origins = new Set([...loopback.map((host) => `http://${host}`), app.origin]);

/**
 * Lets in only this app's own pages, GET included, since a GET here returns customer data. A Host
 * of another name is a page whose DNS name was rebound to this machine; an Origin of another site
 * is its page calling this address. No Origin passes: same-origin GETs, curl and Makini's webhooks
 * send none.
 */
export const onlyThisApp: RequestHandler = (request, response, next) => {
  if (!hosts.has(request.headers.host?.toLowerCase() ?? '')) {
    return sendError(response, 403, 'FORBIDDEN_HOST', 'This server does not answer to that name.');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.has(origin)) {
    return sendError(response, 403, 'FORBIDDEN_ORIGIN', 'Other sites may not call this API.');
  }
  next();
};
