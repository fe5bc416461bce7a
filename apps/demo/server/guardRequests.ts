import type { MiddlewareHandler } from 'hono';
import type { DemoAccess } from './DemoAccess.js';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';
import { isJsonContentType } from './readJson.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses what another web page could send: a foreign `Host` (DNS rebinding) or a foreign `Origin`
 * on every route and method (reads included: another local dev server's page must not read the
 * customers' passwords), and on writes a body type a page may send cross-site without a CORS
 * preflight. A request without `Origin` passes the origin check: browsers leave it off same-origin
 * reads, and webhooks come from servers, checked by their signature instead.
 */
export function guardRequests(access: DemoAccess): MiddlewareHandler {
  return async (context, next) => {
    const host = context.req.header('host');
    if (!access.allowsHost(host)) {
      throw new DemoHttpError(
        403,
        DemoErrorCode.HOST_NOT_ALLOWED,
        `Host "${host ?? ''}" is not a name this demo is reached as (${access.describe()}). Open it at its own address, or add the name to DEMO_ALLOWED_HOSTS.`,
      );
    }
    // Checked before the method: a foreign page's read is refused like its write, so no answer
    // reaches it even where a proxy in front would grant it CORS.
    const origin = context.req.header('origin');
    if (origin !== undefined && !access.allowsOrigin(origin)) {
      throw new DemoHttpError(
        403,
        DemoErrorCode.ORIGIN_NOT_ALLOWED,
        `Origin "${origin}" is not the demo's front end (${access.describeOrigins()}): only its own pages may read or change anything. Open the demo at its own address, or add its name to DEMO_ALLOWED_HOSTS.`,
      );
    }
    if (SAFE_METHODS.has(context.req.method)) return next();
    const type = context.req.header('content-type');
    if (context.req.path.startsWith('/api/') && !isJsonContentType(type)) {
      throw new DemoHttpError(
        415,
        DemoErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Send writes with content-type: application/json, even without a body (got ${type ?? 'none'}).`,
        { 'content-type': ['must be application/json'] },
      );
    }
    return next();
  };
}
