import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
