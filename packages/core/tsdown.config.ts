import { defineConfig } from 'tsdown';
import { dropDeclarationMapComments } from '../../tooling/dropDeclarationMapComments.js';

export default defineConfig({
  entry: ['src/index.ts', 'src/opentelemetry.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
  // One output file per source module, so bundlers drop whole modules (zod schemas) a page never imports.
  unbundle: true,
  outputOptions: { plugins: [dropDeclarationMapComments()] },
});
