import { defineConfig } from 'tsdown';
import { dropDeclarationMapComments } from '../../tooling/dropDeclarationMapComments.js';

export default defineConfig({
  entry: { index: 'src/index.ts', 'locales/index': 'src/locales/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  // The stylesheet ships beside the code: the tarball holds dist/ only.
  copy: [{ from: 'src/styles.css' }],
  outputOptions: { plugins: [dropDeclarationMapComments()] },
});
