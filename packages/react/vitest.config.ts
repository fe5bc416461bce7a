import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['**/*.browser.test.tsx', '**/node_modules/**'],
    environment: 'happy-dom',
    setupFiles: ['./vitest.setup.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
  },
});
