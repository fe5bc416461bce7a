import type { Plugin } from 'vite';

/**
 * Serves `/link/outcomes`: a host app's page with a `ReconnectButton` (see `outcomeFrame.tsx`),
 * loaded in an iframe by the outcome tests so that a full-page redirect leaves the frame, not the
 * test page.
 */
export const outcomeFramePage: Plugin = {
  name: 'makini-outcome-frame-page',
  configureServer(server) {
    server.middlewares.use((request, response, next) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== '/link/outcomes') return next();
      response.setHeader('content-type', 'text/html');
      response.end(
        '<!doctype html><html lang="en"><title>Connections</title><body><main id="root"></main>' +
          '<script type="module" src="/test/outcomeFrame.tsx"></script></body></html>',
      );
    });
  },
};
