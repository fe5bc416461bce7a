import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    globalSetup: ['test/redisSetup.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
