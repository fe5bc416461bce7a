import { defineConfig } from 'tsdown';
import { dropDeclarationMapComments } from '../../tooling/dropDeclarationMapComments.js';

/**
 * The entries whose exports are Client Components and hooks. Their built files start with
 * `'use client'`, so a React Server Component can render the widgets. The other entries
 * (`./server`, `./locales`) are plain data and types, importable on the server; chunks shared with
 * them hold only what they import, so they never carry client code nor the directive.
 */
const CLIENT_ENTRY_FILES = new Set(['index.js', 'index.cjs']);

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    server: 'src/server.ts',
    'locales/index': 'src/locales/index.ts',
  },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  // The stylesheet ships beside the code, with a declaration for its side-effect import (TypeScript
  // 6 requires one): the tarball holds dist/ only.
  copy: [{ from: 'src/styles.css' }, { from: 'types/styles.css.d.ts' }],
  outputOptions: {
    // Rolldown's own banner, per chunk: a directive inside a module is dropped by the bundler, and
    // tsdown's `banner` function is called for the first chunk only and reused for every other.
    banner: (chunk) => (CLIENT_ENTRY_FILES.has(chunk.fileName) ? "'use client';" : ''),
    plugins: [dropDeclarationMapComments()],
  },
});
