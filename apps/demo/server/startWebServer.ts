import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { createServer, defaultClientConditions } from 'vite';

const webRoot = fileURLToPath(new URL('../web', import.meta.url));

/**
 * The front end: Vite's dev server for `web/`, sending `/api/*` to the back end at `backendUrl`
 * (the back end itself, or the round-robin proxy in front of its replicas).
 */
export async function startWebServer(options: {
  port: number;
  backendUrl: string;
  allowedHosts: string[];
}) {
  const vite = await createServer({
    configFile: false,
    root: webRoot,
    plugins: [react()],
    logLevel: 'warn',
    resolve: { conditions: ['@makini-kit/source', ...defaultClientConditions] },
    server: {
      port: options.port,
      host: 'localhost',
      strictPort: options.port !== 0,
      // Vite refuses other Hosts itself; names given to the demo are let through to both servers.
      allowedHosts: options.allowedHosts.map((host) => host.replace(/:\d+$/, '')),
      // The app's pages fetch /api/* from their own origin and need no CORS. Vite's default grants
      // every localhost origin, which would let any other local dev server's page read the proxied
      // /api/dev/credentials; off, the browser keeps every other page's reads from it.
      cors: false,
      // Only the back end's routes: a bare '/api' prefix would also catch the module /api.ts.
      proxy: { '^/api/': { target: options.backendUrl, changeOrigin: false } },
    },
  });
  await vite.listen();
  const port = (vite.httpServer?.address() as AddressInfo | undefined)?.port ?? options.port;
  return { appUrl: `http://localhost:${port}`, close: () => vite.close() };
}
