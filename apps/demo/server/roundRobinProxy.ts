import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The one back-end address in front of the replicas: the app's `/api/*` and Makini's webhooks. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The replicas that answer now, by URL; a replica that stopped is taken out. */
  setTargets(targets: readonly string[]): void;
  close(): Promise<void>;
}

const refuse = (response: ServerResponse, status: number, code: string, message: string) => {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { code, message } }));
};

/**
 * Sends each request to the next replica in turn, as a load balancer in front of a real back end
 * would, so that a page's calls, its health stream and Makini's webhooks each land on any replica.
 * Bodies stream both ways (Server-Sent Events included); the `Host` header passes unchanged, so the
 * replicas check it as the address the browser or Makini used.
 */
export async function startRoundRobinProxy(options: { port: number }): Promise<RoundRobinProxy> {
  let targets: URL[] = [];
  let next = 0;
  const server = createServer((incoming, response) => {
    const target = targets[next++ % Math.max(1, targets.length)];
    if (!target) {
      refuse(response, 503, 'NO_REPLICA', 'No back-end replica is up yet; try again in a moment.');
      return;
    }
    const upstream = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () =>
      refuse(
        response,
        502,
        'REPLICA_UNAVAILABLE',
        `The replica at ${target.host} did not answer; the next request goes to another one.`,
      ),
    );
    // A browser that leaves (a closed health stream) closes the replica's side too.
    response.on('close', () => upstream.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTargets(list) {
      targets = list.map((url) => new URL(url));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
