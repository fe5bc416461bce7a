import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { linkPageHtml } from './linkCallbackPage.js';

/** The static build's copies of the callback page, and how each reaches the built script. */
const PAGES = [
  // `/link/callback` on hosts that map a path to its folder's index.html…
  { fileName: 'link/callback/index.html', up: '../../' },
  // …and on hosts that map it to a `.html` file of that name.
  { fileName: 'link/callback.html', up: '../' },
];

/**
 * Puts the host app's `/link/callback` page (see `test/linkPages.tsx`) into `storybook build`'s
 * output, as `linkCallbackPage` serves it from the dev server: the sandbox flow story's popup lands
 * there from `storybook-static` too. The page's script is a chunk of the same build, so it shares
 * React and the kit with the stories.
 */
export function linkCallbackStaticPage(): Plugin {
  let script = '';
  return {
    name: 'makini-link-callback-static-page',
    apply: 'build',
    buildStart() {
      script = this.emitFile({
        type: 'chunk',
        id: fileURLToPath(new URL('./linkPages.tsx', import.meta.url)),
        name: 'link-pages',
      });
    },
    generateBundle() {
      const built = this.getFileName(script);
      for (const { fileName, up } of PAGES) {
        this.emitFile({
          type: 'asset',
          fileName,
          source: linkPageHtml('Link callback', `${up}${built}`),
        });
      }
    },
  };
}
