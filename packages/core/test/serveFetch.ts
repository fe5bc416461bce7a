import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Serves a fetch-style handler over node:http on a free loopback port, as a host app's back end
 * would. `pipeline` ends or destroys the response when the body stream ends or fails.
 */
export async function serveFetch(
  handler: (request: Request, incoming: IncomingMessage) => Response | Promise<Response>,
  onResponse?: (outgoing: ServerResponse, incoming: IncomingMessage) => void,
) {
  const server = createServer(async (incoming, outgoing) => {
    onResponse?.(outgoing, incoming);
    const controller = new AbortController();
    outgoing.on('close', () => controller.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const response = await handler(
      new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method ?? 'GET',
        headers,
        signal: controller.signal,
      }),
      incoming,
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void outgoing.end();
    await pipeline(Readable.fromWeb(response.body as never), outgoing).catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
