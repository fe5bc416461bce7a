// One back-end replica, a child process of `pnpm demo --replicas N`: the same back end as the
// single-process demo, its state in Redis. It starts when the demo sends it a `ReplicaStart`.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createBackend } from './createBackend.js';
import { openRedisState } from './openRedisState.js';
import type { ReplicaReport, ReplicaStart } from './replicaProtocol.js';

const report = (message: ReplicaReport) => process.send?.(message);

async function start(message: ReplicaStart) {
  let handleRequest: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      { fetch: (request) => handleRequest(request), port: 0, hostname: '127.0.0.1' },
      () => resolve(started),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state = await openRedisState({
    redisUrl: message.redisUrl,
    prefix: message.redisPrefix,
    keys: message.tokenKeys,
    replica: message.name,
  });
  // Reached through the proxy as the back end's address, and at its own for a direct look.
  const config = {
    ...message.config,
    allowedHosts: [...(message.config.allowedHosts ?? []), new URL(url).host],
  };
  const backend = await createBackend(config, state, {
    reconnectLinkSecrets: message.reconnectLinkSecrets,
  });
  handleRequest = (request) => backend.app.fetch(request);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    backend.close();
    await state.close().catch(() => undefined);
    server.close();
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  report({ type: 'ready', url });
}

// The demo went away without stopping this replica: stop too, never linger as an orphan.
process.on('disconnect', () => process.exit(0));
process.once('message', (message: ReplicaStart) => {
  start(message).catch((error: Error) => {
    report({ type: 'failed', message: error.message });
    console.error(error.stack);
    process.exit(1);
  });
});
