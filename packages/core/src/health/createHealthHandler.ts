import type { HealthSource } from './ConnectionHealth.js';

const encoder = new TextEncoder();

/**
 * Serves a health source to browsers from the host app's back end (fetch-style `Request` →
 * `Response`): `GET …` answers the JSON snapshot; `GET …/events` (or `Accept: text/event-stream`)
 * streams it as Server-Sent Events, one `snapshot` event per change and a heartbeat comment every
 * 15 s. The snapshot holds health only, never a token.
 *
 * @example
 * const health = createHealthHandler(monitor);
 * app.get(['/api/health', '/api/health/events'], async (req, res) => sendFetchResponse(res, await health(toRequest(req))));
 */
export function createHealthHandler(source: HealthSource, options: { heartbeatMs?: number } = {}) {
  return (request: Request): Response => {
    const wantsStream =
      new URL(request.url).pathname.endsWith('/events') ||
      (request.headers.get('accept') ?? '').includes('text/event-stream');
    if (!wantsStream) {
      return new Response(JSON.stringify(source.getSnapshot()), {
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    }
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const push = () =>
          send(`event: snapshot\ndata: ${JSON.stringify(source.getSnapshot())}\n\n`);
        send('retry: 2000\n\n');
        push();
        const unsubscribe = source.subscribe(push);
        const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs ?? 15_000);
        cleanup = () => {
          clearInterval(heartbeat);
          unsubscribe();
        };
        request.signal?.addEventListener('abort', () => {
          cleanup();
          try {
            controller.close();
          } catch {}
        });
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  };
}
