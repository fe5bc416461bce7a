import type { NodeHealthRequest, NodeHealthResponse } from './NodeHealthHttp.js';
import { toFetchRequest } from './toFetchRequest.js';
import { writeToNode } from './writeToNode.js';

/** Methods a fetch `Request` refuses to be built with (Node passes `TRACE` on to the handler). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** What `createHealthHandler` returns, or any fetch-style handler of the same shape. */
export type FetchHealthHandler = (request: Request) => Response | Promise<Response>;

/**
 * Mounts a `createHealthHandler` in Node `http` or Express. Answers the JSON snapshot, and streams
 * the Server-Sent Events as fast as the client reads (waiting for `'drain'`, so a slow client holds
 * events back in the handler, within its `maxBufferedBytes`). When the client goes away the handler
 * stops following the source for it; when the handler drops a client that stopped reading, this
 * destroys that client's socket, which would otherwise stay open behind the unread bytes.
 *
 * Mount both paths a `createRemoteHealthSource` asks for: the snapshot URL and `…/events`. Under an
 * Express mount path (`app.use('/api/health', …)`, routers) the full path comes from
 * `req.originalUrl`. A failure before the answer starts goes to Express's `next`, or, in Node
 * `http`, becomes a 500 and a logged error. A method a fetch `Request` cannot carry (`TRACE`) gets
 * a 405 with `Allow: GET, HEAD`.
 *
 * @throws {TypeError} when `health` is not a function.
 * @example
 * const health = toNodeHealthHandler(createHealthHandler(monitor));
 * app.get(['/api/health', '/api/health/events'], health); // Express
 * // or: app.use('/api/health', health);
 * // or: http.createServer(health).listen(3000); // Node http, answering every path
 */
export function toNodeHealthHandler(health: FetchHealthHandler) {
  if (typeof health !== 'function') {
    throw new TypeError(
      `toNodeHealthHandler: expected the handler createHealthHandler(source) returns, got ${typeof health}.`,
    );
  }
  return (
    request: NodeHealthRequest,
    response: NodeHealthResponse,
    next?: (error?: unknown) => void,
  ): void => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (FORBIDDEN_METHODS.has(method)) {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-length': '0' });
      response.end();
      return;
    }
    const client = new AbortController();
    const onClose = () => {
      response.removeListener('close', onClose);
      client.abort();
    };
    response.on('close', onClose);
    const fail = (error: unknown) => {
      if (response.headersSent) {
        // Too late for a status: cutting the connection is the only way to tell the client.
        response.destroy();
      } else if (next) {
        next(error);
      } else {
        console.error('[makini health] the health handler failed:', error);
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.write(new TextEncoder().encode('health handler failed'));
        response.end();
      }
    };
    const head = method === 'HEAD';
    new Promise<Response>((resolve) => resolve(health(toFetchRequest(request, client.signal))))
      .then((answer) => writeToNode(answer, response, { signal: client.signal, head }))
      .catch(fail);
  };
}
