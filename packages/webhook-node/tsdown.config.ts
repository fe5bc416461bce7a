import { defineConfig } from 'tsdown';
import { dropDeclarationMapComments } from '../../tooling/dropDeclarationMapComments.js';

export default defineConfig({
  entry: ['src/index.ts', 'src/index.web.ts'],
  // Code both entries share goes to `shared-*`, not to a chunk named after whichever module it holds.
  format: {
    esm: {
      outputOptions: {
        chunkFileNames: 'shared-[hash].js',
        plugins: [dropDeclarationMapComments()],
      },
    },
    cjs: {
      outputOptions: {
        chunkFileNames: 'shared-[hash].cjs',
        plugins: [dropDeclarationMapComments()],
      },
    },
  },
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  deps: { neverBundle: [/^node:/] },
});
