import type { Plugin } from 'vite';

/** A Link page: its title and the module that renders it. */
export const linkPageHtml = (title: string, module: string) =>
  `<!doctype html><html lang="en"><title>${title}</title><body><main id="root"></main>` +
  `<script type="module" src="${module}"></script></body></html>`;

/**
 * Serves a host app's Link pages from the dev server (Vitest's browser runs, `pnpm storybook`):
 * `/link/callback` renders `<LinkCallback>`, as a host app's callback page does, and `/link/app`
 * is a page with a `ReconnectButton` in redirect mode (see `test/linkPages.tsx`).
 */
export const linkCallbackPage: Plugin = {
  name: 'makini-link-callback-page',
  configureServer(server) {
    server.middlewares.use((request, response, next) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const module = '/test/linkPages.tsx';
      if (path !== '/link/callback' && path !== '/link/app') return next();
      response.setHeader('content-type', 'text/html');
      response.end(linkPageHtml(path === '/link/app' ? 'Connections' : 'Link callback', module));
    });
  },
};
