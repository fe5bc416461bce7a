import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// React 18 as installed here; the component sources and their tests are @makini-kit/react's own.
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const reactPackage = fileURLToPath(new URL('../../packages/react/', import.meta.url));

export default defineConfig({
  root: reactPackage,
  resolve: {
    conditions: ['@makini-kit/source'],
    alias: [
      { find: /^react$/, replacement: packageDir('react') },
      { find: /^react\/(.*)$/, replacement: `${packageDir('react')}/$1` },
      { find: /^react-dom$/, replacement: packageDir('react-dom') },
      { find: /^react-dom\/(.*)$/, replacement: `${packageDir('react-dom')}/$1` },
      { find: /^@testing-library\/react$/, replacement: packageDir('@testing-library/react') },
    ],
  },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    name: 'react18',
    env: { EXPECTED_REACT_MAJOR: '18' },
    include: ['src/**/*.test.tsx'],
    exclude: ['**/*.browser.test.tsx', '**/node_modules/**'],
    environment: 'happy-dom',
    setupFiles: [fileURLToPath(new URL('../../packages/react/vitest.setup.ts', import.meta.url))],
    server: { deps: { inline: [/@testing-library\/react/] } },
  },
});
