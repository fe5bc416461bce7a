import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy leaves out of Makini's answers. */
export type Unnaming = 'nothing' | 'token' | 'token-and-integration';

/**
 * A proxy in front of the sandbox that answers like a Makini which names the connection less:
 * `token` drops `connection_id` from `/link/token` answers (Makini's published token answer has
 * none), `token-and-integration` also drops `id` from `/api/integrations/current`. Tests switch
 * `unnaming` between calls.
 */
export async function startUnnamingProxy(target: string) {
  let unnaming: Unnaming = 'nothing';
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    const forward = httpRequest(
      new URL(path, target),
      // The sandbox answers only requests addressed to its own host.
      { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } },
      async (answer) => {
        const chunks: Buffer[] = [];
        for await (const chunk of answer) chunks.push(chunk as Buffer);
        let body = Buffer.concat(chunks).toString();
        if (answer.statusCode === 200 && unnaming !== 'nothing') {
          if (path.startsWith('/link/token')) {
            const { connection_id: _, ...rest } = JSON.parse(body) as Record<string, unknown>;
            body = JSON.stringify(rest);
          } else if (
            path.startsWith('/api/integrations/current') &&
            unnaming === 'token-and-integration'
          ) {
            const parsed = JSON.parse(body) as { data: Record<string, unknown> };
            const { id: _, ...data } = parsed.data;
            body = JSON.stringify({ ...parsed, data });
          }
        }
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        outgoing.end(body);
      },
    );
    forward.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set unnaming(value: Unnaming) {
      unnaming = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
