import { defineConfig } from 'tsdown';
import { dropDeclarationMapComments } from '../../tooling/dropDeclarationMapComments.js';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  external: [/^@makini-kit\/core/],
  outputOptions: { plugins: [dropDeclarationMapComments()] },
});
