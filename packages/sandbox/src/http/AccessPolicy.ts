import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './ApiError.js';
import { isJsonContentType } from './readBody.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may talk to the sandbox. It listens on the developer's machine, where any web page they open
 * can send it requests, so:
 * - the `Host` must be one the sandbox is reached as (a DNS-rebound name is refused on every route);
 * - a browser write must come from the sandbox's own origin (the consent page), never another page;
 * - admin writes must be `application/json`, which no page can send to another origin without a
 *   CORS preflight the sandbox never grants;
 * - with an admin token, the admin API wants `Authorization: Bearer <token>`.
 */
export class AccessPolicy {
  private readonly exactHosts = new Set<string>();
  private readonly anyPortHosts = new Set<string>();
  private readonly adminDigest: Buffer | undefined;
  private listening = '';

  constructor(
    private readonly options: {
      host: string;
      allowedHosts: string[];
      adminToken: string | undefined;
    },
  ) {
    this.adminDigest = options.adminToken === undefined ? undefined : digest(options.adminToken);
    for (const entry of options.allowedHosts) {
      const host = entry.toLowerCase();
      if (/:\d+$/.test(host)) this.exactHosts.add(host);
      else this.anyPortHosts.add(host);
    }
  }

  /** Called once the port is known: the loopback names and the bound address, on that port. */
  listeningOn(port: number) {
    const bound = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    for (const name of [...LOOPBACK_NAMES, bound.toLowerCase()]) {
      this.exactHosts.add(`${name}:${port}`);
      if (port === 80) this.exactHosts.add(name);
    }
    this.listening = `http://127.0.0.1:${port}`;
  }

  /** Throws the `ApiError` that refuses the request, if any. */
  check(request: IncomingMessage, isAdmin: boolean) {
    const host = (request.headers.host ?? '').toLowerCase();
    if (!this.allowsHost(host)) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `Host "${request.headers.host ?? ''}" is not one this sandbox answers to. Reach it as ${this.listening || 'its url'}, or list the name in allowedHosts (--allowed-host).`,
      );
    }
    const method = request.method ?? 'GET';
    const origin = request.headers.origin;
    if (!SAFE_METHODS.has(method) && origin !== undefined && !this.sameOrigin(origin, host)) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        `Origin "${origin}" may not change the sandbox: only its own pages may post to it. Call it from a server or a test instead.`,
      );
    }
    if (!isAdmin) return;
    if (this.adminDigest && !this.hasAdminToken(request.headers.authorization)) {
      throw new ApiError(
        401,
        'AUTHENTICATION_FAILED',
        request.headers.authorization
          ? 'The admin token sent is not this sandbox\'s: send "Authorization: Bearer <adminToken>" with the token it was started with (--admin-token, adminToken, MAKINI_SANDBOX_ADMIN_TOKEN).'
          : 'The admin API needs the admin token: send "Authorization: Bearer <adminToken>" (--admin-token, adminToken, MAKINI_SANDBOX_ADMIN_TOKEN).',
        { headers: { 'www-authenticate': 'Bearer realm="makini-sandbox-admin"' } },
      );
    }
    const type = request.headers['content-type'];
    if (!SAFE_METHODS.has(method) && !isJsonContentType(type)) {
      throw new ApiError(
        415,
        'VALIDATION_ERROR',
        `Admin requests that change state must carry content-type: application/json, with or without a body (got ${type ?? 'none'}); other web pages cannot send that type.`,
        { fields: { 'content-type': ['must be application/json'] } },
      );
    }
  }

  private allowsHost(host: string): boolean {
    if (this.exactHosts.has(host)) return true;
    const name = host.replace(/:\d+$/, '');
    return this.anyPortHosts.has(name);
  }

  /** An origin is the sandbox's own when it names the host the request was sent to. */
  private sameOrigin(origin: string, host: string): boolean {
    const lower = origin.toLowerCase();
    return lower === `http://${host}` || lower === `https://${host}`;
  }

  private hasAdminToken(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return (
      match?.[1] !== undefined &&
      this.adminDigest !== undefined &&
      timingSafeEqual(digest(match[1]), this.adminDigest)
    );
  }
}
