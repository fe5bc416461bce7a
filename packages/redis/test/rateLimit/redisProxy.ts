import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the shared Redis that a test can take down and bring back on the same
 * port: Redis "stops" for the clients behind it without stopping for anyone else.
 */
export async function startRedisProxy(redisUrl: string) {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const up = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  };

  const down = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  await up();
  return {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    /** Drops every connection and stops listening. */
    down,
    /** Listens again on the same port. */
    up,
  };
}
