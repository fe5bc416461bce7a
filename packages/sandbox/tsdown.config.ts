import { defineConfig } from 'tsdown';
import { dropDeclarationMapComments } from '../../tooling/dropDeclarationMapComments.js';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  outputOptions: { plugins: [dropDeclarationMapComments()] },
});
