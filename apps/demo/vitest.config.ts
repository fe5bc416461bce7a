import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['e2e/**/*.test.ts', 'server/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
