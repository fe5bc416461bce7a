import type { NodeHealthRequest } from './NodeHealthHttp.js';

/** Used when the Host header is missing or is not a host: the handler reads the path only. */
const PLACEHOLDER_HOST = 'localhost';
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The fetch `Request` for a Node request, without its body (the health handler reads none), whose
 * `signal` is the one given: aborted when the client goes away.
 */
export function toFetchRequest(request: NodeHealthRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    // HTTP/2 pseudo-headers (`:path`, `:authority`) are not names a `Headers` takes.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(urlOf(request), { method: request.method ?? 'GET', headers, signal });
}

function urlOf(request: NodeHealthRequest): string {
  // Express strips the mount path from `url` (`app.use('/api/health', …)` sees `/events`) and keeps
  // the whole path in `originalUrl`.
  const target = request.originalUrl ?? request.url ?? '/';
  const host = first(request.headers.host) ?? first(request.headers[':authority']);
  const scheme = (request.socket as { encrypted?: unknown } | null)?.encrypted ? 'https' : 'http';
  // A Host that passes the pattern can still be no URL host (`x:99999`, `999.1.1.1`).
  const origin =
    (host && HOST.test(host) && parses(`${scheme}://${host}`)?.origin) ||
    `${scheme}://${PLACEHOLDER_HOST}`;
  // Joined, not resolved against the origin, so that `//other/x` stays a path on this origin.
  if (target.startsWith('/')) return parses(origin + target)?.href ?? `${origin}/`;
  // The absolute form a proxy is sent (`GET http://u:p@host/path`): only its path and query, since
  // a fetch Request refuses credentials and the host is the Host header's to say.
  const absolute = parses(target);
  if (!absolute?.pathname.startsWith('/')) return `${origin}/`;
  return parses(origin + absolute.pathname + absolute.search)?.href ?? `${origin}/`;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parses(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
