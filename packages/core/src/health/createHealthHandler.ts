import { checkDuration } from '../client/timers.js';
import type { HealthSource } from './ConnectionHealth.js';
import { healthEventStream } from './healthEventStream.js';

/** Options of `createHealthHandler`. */
export interface HealthHandlerOptions {
  /**
   * Between heartbeat comments on an event stream, which keep idle proxies from closing it and
   * tell `createRemoteHealthSource` the stream is alive: keep it below that source's
   * `silenceTimeoutMs` (45 s by default). In ms, from 1 to 2^31-1. @default 15_000
   */
  heartbeatMs?: number;
  /**
   * Most bytes that may wait for one event-stream client that is not reading. Past this the
   * handler closes that client's stream, discards what waits and stops following the source for
   * it, so a stalled client costs bounded memory; a `createRemoteHealthSource` that reads again
   * reconnects and reloads the snapshot. One event is always let through to an empty queue, so keep
   * this at several snapshots' size.
   * @default 1_048_576 (1 MiB)
   */
  maxBufferedBytes?: number;
}

const DEFAULT_MAX_BUFFERED_BYTES = 1_048_576;

/**
 * Serves a health source to browsers from the host app's back end (fetch-style `Request` →
 * `Response`): `GET …` answers the JSON snapshot; `GET …/events` (or `Accept: text/event-stream`)
 * streams it as Server-Sent Events, one `snapshot` event per change and a heartbeat comment every
 * 15 s. Events go out as fast as each client reads; a client that stops reading has its stream
 * ended once `maxBufferedBytes` wait for it. Its socket stays your server's to drop (a proxy's idle
 * timeout, or your adapter): the stream is ended, not errored, because an error crashes a Node
 * server that forwards it with `Readable.fromWeb(body).pipe(res)`. The snapshot holds health only,
 * never a token.
 *
 * The returned handler takes a fetch `Request` (Hono, Next.js route handlers, Bun, Deno); in Node
 * `http` or Express, mount it with `toNodeHealthHandler`, which also destroys a dropped client's
 * socket. Handed a Node request, it throws a `TypeError` saying so.
 *
 * @throws {RangeError} when `heartbeatMs` is not from 1 to 2^31-1 ms, or `maxBufferedBytes` is not a
 * positive number.
 * @example
 * const health = createHealthHandler(monitor);
 * honoApp.on('GET', ['/api/health', '/api/health/events'], (c) => health(c.req.raw)); // Hono
 * export const GET = health; // Next.js, app/api/health/[[...events]]/route.ts
 * expressApp.get(['/api/health', '/api/health/events'], toNodeHealthHandler(health)); // Express
 */
export function createHealthHandler(source: HealthSource, options: HealthHandlerOptions = {}) {
  const limits = {
    heartbeatMs: checkDuration('createHealthHandler: heartbeatMs', options.heartbeatMs ?? 15_000),
    maxBufferedBytes: positive(
      'maxBufferedBytes',
      options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    ),
  };
  return (request: Request): Response => {
    const wantsStream =
      pathOf(request).endsWith('/events') ||
      (request.headers.get('accept') ?? '').includes('text/event-stream');
    if (!wantsStream) {
      return new Response(JSON.stringify(source.getSnapshot()), {
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    }
    return new Response(healthEventStream(source, request.signal, limits), {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  };
}

function positive(name: keyof HealthHandlerOptions, value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > Number.MAX_SAFE_INTEGER
  ) {
    throw new RangeError(
      `createHealthHandler: ${name} must be a positive number, got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * The request's path, or a `TypeError` that names the fix when it is not a fetch `Request`: a Node
 * request passed straight from Express or `http.createServer` has a relative `url` and plain-object
 * headers. Thrown, not answered as a 500: a Node server ignores the `Response` a handler returns, so
 * the client would wait forever while the log stays silent; a throw reaches Express's error handler,
 * or stops a bare `http` server at its first request.
 */
function pathOf(request: Request): string {
  const candidate = request as Partial<Record<'url' | 'headers', unknown>> | null | undefined;
  const url = typeof candidate?.url === 'string' ? candidate.url : undefined;
  const headers = candidate?.headers as { get?: unknown } | undefined;
  if (url !== undefined && typeof headers?.get === 'function') {
    try {
      return new URL(url).pathname;
    } catch {}
  }
  const got =
    url !== undefined && headers && typeof headers === 'object'
      ? `a Node request (url ${JSON.stringify(url.slice(0, 200))}${typeof headers.get === 'function' ? '' : ', headers without get()'})`
      : typeof request;
  throw new TypeError(
    `createHealthHandler: the handler takes a fetch Request, got ${got}. In Node http or Express, mount it with toNodeHealthHandler: app.get(['/api/health', '/api/health/events'], toNodeHealthHandler(createHealthHandler(monitor))).`,
  );
}
