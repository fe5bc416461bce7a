import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { listenOnLoopback } from '@makini-kit/test-utils';

/** Serves a fetch-style handler over node:http, as a host app's back end would. */
export async function serveFetch(handler: (request: Request) => Response | Promise<Response>) {
  const server: Server = createServer(async (incoming: IncomingMessage, outgoing) => {
    const controller = new AbortController();
    outgoing.on('close', () => controller.abort());
    const request = new Request(`http://localhost${incoming.url}`, {
      method: incoming.method ?? 'GET',
      headers: incoming.headers as Record<string, string>,
      signal: controller.signal,
    });
    const response = await handler(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as never).pipe(outgoing);
    else outgoing.end();
  });
  return listenOnLoopback(server);
}
