import type { Plugin } from 'vite';

/**
 * Serves `/link/callback` from the dev server (Vitest's browser runs, `pnpm storybook`): a page that
 * hands Link's callback to the opener with `completeLink()`, as a host app's callback page does.
 */
export const linkCallbackPage: Plugin = {
  name: 'makini-link-callback-page',
  configureServer(server) {
    server.middlewares.use('/link/callback', (_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        '<!doctype html><title>Link callback</title><script type="module">' +
          "import { completeLink } from '/src/completeLink.ts'; completeLink();</script>",
      );
    });
  },
};
